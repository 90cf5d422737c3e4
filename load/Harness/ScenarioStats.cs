namespace RiskEngine.Load.Harness;

/// <summary>
/// The results of one scenario run (warm-up excluded). Latency runs from each call's intended start
/// (open model) or actual start (closed model) to its end. <see cref="Lag"/> is how late the generator
/// started calls; past <see cref="Runner.MaxLagP99"/> the run is <see cref="Valid"/> no more.
/// <see cref="GeneratorCores"/> is the CPU the generator itself used (cores, averaged over the run): on a
/// machine it shares with the engine, CPU the engine did not have. <see cref="StealPercent"/> is the share of
/// the machine's CPU time its hypervisor gave to other guests meanwhile (Linux only; null elsewhere).
/// <see cref="StartedAt"/> is when the measured part began (UTC): the timeline's seconds count from it, so a second can
/// be laid beside what the target logged or traced then.
/// </summary>
public sealed record ScenarioStats(
    string Scenario,
    string Model,
    double Seconds,
    long Requests,
    long Ok,
    long Failed,
    double Rps,
    LatencyStats Latency,
    LatencyStats Lag,
    IReadOnlyDictionary<int, long> StatusCodes,
    IReadOnlyDictionary<string, long> Errors,
    IReadOnlyList<TimelinePoint> Timeline,
    bool Valid,
    string? InvalidReason,
    double GeneratorCores,
    double? StealPercent,
    DateTimeOffset StartedAt);
