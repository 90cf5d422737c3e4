namespace RiskEngine.Load.Cli;

/// <summary>
/// bench.json: the engine's decisions against its own bare-HTTP limit, and latency at half the maximum.
/// <see cref="MaxStealPercent"/>: the most CPU the hypervisor took during any of its runs (null off Linux);
/// <see cref="DecisionMix"/>: the kinds of decision measured, in their shares.
/// </summary>
public sealed record BenchResult(
    double BaselineRps,
    double DecisionsRps,
    double Ratio,
    double HalfRate,
    double P99MsAtHalfRate,
    double LagP99MsAtHalfRate,
    bool Valid,
    double? MaxStealPercent,
    string DecisionMix,
    string Target,
    double DurationS,
    string Machine,
    DateTimeOffset StartedAt);
