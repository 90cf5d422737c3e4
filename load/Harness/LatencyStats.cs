using HdrHistogram;

namespace RiskEngine.Load.Harness;

/// <summary>Latency percentiles, in milliseconds, over <see cref="Count"/> calls.</summary>
public sealed record LatencyStats(double P50, double P75, double P95, double P99, double P999, double Max, double Mean, long Count = 0)
{
    public static LatencyStats From(HistogramBase micros) => micros.TotalCount == 0
        ? new LatencyStats(0, 0, 0, 0, 0, 0, 0)
        : new LatencyStats(
            Ms(micros.GetValueAtPercentile(50)), Ms(micros.GetValueAtPercentile(75)), Ms(micros.GetValueAtPercentile(95)),
            Ms(micros.GetValueAtPercentile(99)), Ms(micros.GetValueAtPercentile(99.9)), Ms(micros.GetMaxValue()), micros.GetMean() / 1000,
            micros.TotalCount);

    public double Of(string metric) => metric switch
    {
        "p50" => P50,
        "p75" => P75,
        "p95" => P95,
        "p99" => P99,
        "p99.9" => P999,
        "max" => Max,
        "mean" => Mean,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "not a latency metric"),
    };

    private static double Ms(long micros) => micros / 1000.0;
}
