namespace RiskEngine.Api.Webhooks;

/// <summary>What the engine did with a webhook; Didit only needs the 200.</summary>
public sealed record WebhookAck(EventOutcome Outcome);
