using RiskEngine.Load.Harness;
using RiskEngine.Load.Scenarios;

namespace RiskEngine.Load.Cli;

public sealed record RunOptions(string Scenario, ScenarioOptions Target, double Rate, TimeSpan Duration, TimeSpan WarmUp,
    IReadOnlyList<Threshold> Thresholds, string Out);
