namespace RiskEngine.StepUps;

[GenerateSerializer, Alias("OutboxKind")]
public enum OutboxKind : byte
{
    /// <summary>A final status fed back to the user's risk grain (enrol the device, count a decline).</summary>
    UserFeedback,

    /// <summary>The signed <c>step_up.status_changed</c> callback to the tenant's platform.</summary>
    Callback,
}
