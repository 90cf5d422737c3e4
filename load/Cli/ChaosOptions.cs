using RiskEngine.Load.Scenarios;

namespace RiskEngine.Load.Cli;

/// <param name="Rate">Decisions per second; the step-up flow runs at a tenth of it.</param>
public sealed record ChaosOptions(ScenarioOptions Target, double Rate, TimeSpan Duration);
