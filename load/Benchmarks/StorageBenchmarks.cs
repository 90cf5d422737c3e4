using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using RiskEngine.Users;

namespace RiskEngine.Benchmarks;

/// <summary>
/// A hot user's states as the storage provider serialises them on every write (Orleans' binary serializer, as
/// configured in <c>AddRiskEngineStorage</c>): with Redis, each write of a decision costs one of these.
/// </summary>
[MemoryDiagnoser]
public class StorageBenchmarks
{
    private readonly Serializer _serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();
    private readonly UserProfile _profile = Fixtures.FullUser();
    private readonly IdempotencyLog _log = Fixtures.FullLog();

    [Benchmark(Description = "Serialize a user profile, every history at its bound")]
    public byte[] Profile() => _serializer.SerializeToArray(_profile);

    [Benchmark(Description = "Serialize an idempotency log of 64 answers")]
    public byte[] Log() => _serializer.SerializeToArray(_log);
}
