using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using RiskEngine.Users;

namespace RiskEngine.Benchmarks;

/// <summary>
/// What sealing adds to an answer kept apart from a busy user's log (<see cref="SpilledAnswers"/>), without the storage
/// round trip it rides on: the key named, the answer serialised and sealed; and a key looked for that is not there,
/// which a user past 64 keyed decisions a day pays on each new key.
/// </summary>
[MemoryDiagnoser]
public class SpilledAnswerBenchmarks
{
    private readonly SpilledAnswers _spilled = new(new NoStorage(),
        new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer<IdempotencyRecord>>());
    private readonly IdempotencyLog _log = Fixtures.FullLog();
    private readonly IdempotencyRecord _record;

    public SpilledAnswerBenchmarks()
    {
        _record = _log.Records[0];
        _log.SpilledUntil = DateTime.MaxValue;
        _log.EnsureSpillKey();
    }

    [Benchmark(Description = "Keep an answer apart: name, serialise, seal")]
    public Task Keep() => _spilled.KeepAsync("dev", _log, _record);

    [Benchmark(Description = "Look for a key not kept apart: name, read")]
    public Task<IdempotencyRecord?> FindMissing() => _spilled.FindAsync("dev", "user-1", _record.Key, _log, Fixtures.T0);

    /// <summary>Stores nothing and finds nothing: the benchmark is the work around the round trip.</summary>
    private sealed class NoStorage : IGrainStorage
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.CompletedTask;
        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.CompletedTask;
        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.CompletedTask;
    }
}
