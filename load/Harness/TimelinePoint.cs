namespace RiskEngine.Load.Harness;

/// <summary>One second of a run: calls completed, failures, and latency percentiles (ms) of that second.</summary>
public sealed record TimelinePoint(double Second, long Requests, long Failed, double P50, double P99, double Max);
