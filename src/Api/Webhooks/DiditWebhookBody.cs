namespace RiskEngine.Api.Webhooks;

/// <summary>The parts of a Didit v3 webhook the engine uses; everything else in it is ignored.</summary>
public sealed record DiditWebhookBody(
    string? EventId = null,
    string? WebhookType = null,
    double? Timestamp = null,
    string? SessionId = null,
    string? Status = null,
    DiditDecision? Decision = null);
