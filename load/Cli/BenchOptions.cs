using RiskEngine.Load.Scenarios;

namespace RiskEngine.Load.Cli;

public sealed record BenchOptions(ScenarioOptions Target, TimeSpan Duration, string Out);
