namespace RiskEngine.Load.Cli;

/// <summary>
/// bench.json: the engine's decisions against its own bare-HTTP limit, and latency at half the maximum, with the bare
/// request's at that rate beside it (<see cref="BaselineP99MsAtHalfRate"/>: the host's floor under the goal).
/// <see cref="Valid"/>: the generator kept the schedule in every run the goals are read from (the floor's own run aside).
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
    double BaselineP99MsAtHalfRate,
    bool Valid,
    double? MaxStealPercent,
    string DecisionMix,
    string Target,
    double DurationS,
    string Machine,
    DateTimeOffset StartedAt);
