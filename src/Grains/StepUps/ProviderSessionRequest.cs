namespace RiskEngine.StepUps;

/// <summary>What a provider needs to open a biometric re-authentication session.</summary>
public sealed record ProviderSessionRequest(
    string TenantId,
    string UserId,
    string DecisionId,
    StepUpMethod Method,
    StepUpReason Reason,
    decimal? Amount,
    string? PortraitImage)
{
    public static StepUpReason ReasonFor(UserAction action) => action switch
    {
        UserAction.Transfer => StepUpReason.HighValueTxn,
        UserAction.SettingsChange => StepUpReason.SettingsChange,
        UserAction.AccountRecovery => StepUpReason.AccountRecovery,
        _ => StepUpReason.LoginNewDevice,
    };

    // The portrait is a biometric: keep it out of every log line and exception message.
    public override string ToString() =>
        $"{nameof(ProviderSessionRequest)} {{ TenantId = {TenantId}, DecisionId = {DecisionId}, Method = {Method}, Reason = {Reason} }}";
}
