using RiskEngine.Load.Chaos;

namespace RiskEngine.Load.Scenarios;

/// <summary>What every scenario needs to reach the engine under test.</summary>
/// <param name="Users">Distinct platform users the decisions are spread over (Zipf popularity).</param>
/// <param name="Tenant">The API key's tenant, whose webhook secret signs the Didit webhooks.</param>
/// <param name="WebhookSecret">That secret: the engine's <c>RiskEngine__Didit__WebhookSecret</c>.</param>
public sealed record ScenarioOptions(Uri Target, string ApiKey, int Users, string Tenant, string? WebhookSecret)
{
    /// <summary>Makes idempotency keys and one-off users unique to this run, so runs can repeat against one engine.</summary>
    public string RunId { get; } = Guid.NewGuid().ToString("N")[..8];

    /// <summary>What kinds of call <c>decisions</c> sends, in what shares.</summary>
    public DecisionMix Mix { get; init; } = DecisionMix.Default;

    /// <summary>When set (the chaos run), scenarios record what the engine acknowledged, to be checked later.</summary>
    public Acknowledgements? Acknowledgements { get; init; }
}
