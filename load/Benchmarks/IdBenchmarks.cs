using BenchmarkDotNet.Attributes;

namespace RiskEngine.Benchmarks;

/// <summary>A decision's id: the runtime's version 7 UUID (a system call for its random bits on Linux) against <see cref="Uuid"/>.</summary>
[MemoryDiagnoser]
public class IdBenchmarks
{
    private static readonly DateTimeOffset At = new(2026, 11, 29, 22, 30, 0, TimeSpan.Zero);

    [Benchmark(Baseline = true, Description = "Guid.CreateVersion7")]
    public Guid Runtime() => Guid.CreateVersion7(At);

    [Benchmark(Description = "Uuid.Version7")]
    public Guid Stocked() => Uuid.Version7(At);
}
