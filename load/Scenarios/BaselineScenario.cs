using RiskEngine.Load.Harness;

namespace RiskEngine.Load.Scenarios;

/// <summary>The bare HTTP limit of the engine's own process: <c>GET /health/live</c>, which runs no check.</summary>
public static class BaselineScenario
{
    public const string Name = "baseline";

    public static Scenario Create(HttpClient http) => Scenario.Create(Name, async ctx =>
    {
        using var response = await http.GetAsync("/health/live", ctx.CancellationToken);
        return response.IsSuccessStatusCode ? Response.Ok((int)response.StatusCode) : Response.Fail((int)response.StatusCode);
    });
}
