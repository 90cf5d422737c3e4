namespace RiskEngine.StepUps;

/// <summary>The body POSTed to a tenant's <c>CallbackUrl</c> when a step-up session changes status.</summary>
public sealed record StepUpCallback(string EventId, string Type, DateTimeOffset CreatedAt, StepUpCallbackData Data)
{
    public const string StatusChanged = "step_up.status_changed";
}
