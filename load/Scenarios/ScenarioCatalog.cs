using RiskEngine.Load.Harness;

namespace RiskEngine.Load.Scenarios;

public static class ScenarioCatalog
{
    public static Scenario Create(string name, HttpClient http, ScenarioOptions options) => name switch
    {
        BaselineScenario.Name => BaselineScenario.Create(http),
        DecisionsScenario.Name => DecisionsScenario.Create(http, options),
        StepUpScenario.Name => StepUpScenario.Create(http, options),
        WebhooksScenario.Name => WebhooksScenario.Create(http, options),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown scenario"),
    };
}
