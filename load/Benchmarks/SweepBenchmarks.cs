using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Serialization;
using Orleans.Storage;
using RiskEngine.Hosting;
using RiskEngine.Users;

namespace RiskEngine.Benchmarks;

/// <summary>
/// The embedded store's sweep of expired entries, every <see cref="InProcessGrainStorage.SweepPeriod"/>: it holds the
/// store's lock for the whole scan, so every read and write waits that long. Measured over answers kept apart, the
/// entries it sweeps, with none yet expired (the scan alone, as in all but the sweeps a day after a burst).
/// </summary>
public class SweepBenchmarks
{
    private readonly FakeTimeProvider _time = new();
    private InProcessGrainStorage _storage = null!;

    [Params(100_000, 1_000_000)]
    public int Entries { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var serializer = new OrleansGrainStorageSerializer(new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>());
        _storage = new InProcessGrainStorage(serializer, _time, TimeSpan.FromDays(3650)); // long enough that no run expires one
        for (var i = 0; i < Entries; i++)
            await _storage.WriteStateAsync(SpilledAnswers.StateName, GrainId.Create("spilledanswer", $"t/{i:x32}"),
                new GrainState<SealedAnswer>(new SealedAnswer { Data = new byte[160] }));
    }

    [Benchmark(Description = "Sweep the embedded store, none expired")]
    public void Sweep() => _time.Advance(InProcessGrainStorage.SweepPeriod);

    [GlobalCleanup]
    public void Cleanup() => _storage.Dispose();
}
