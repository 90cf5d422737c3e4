namespace RiskEngine.Load.Harness;

/// <summary>
/// One second of a run: calls completed, failures, latency percentiles (ms) of that second, and the p99 of how late the
/// generator started those calls (ms), which tells a slow second of the target's from one of the generator's own.
/// </summary>
public sealed record TimelinePoint(double Second, long Requests, long Failed, double P50, double P99, double Max, double LagP99);
