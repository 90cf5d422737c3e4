namespace RiskEngine.Didit;

/// <summary>Body of <c>POST /v3/session/</c> for a biometric authentication session.</summary>
public sealed record DiditSessionRequest(
    string WorkflowId,
    string WorkflowType,
    string VendorData,
    string? Callback,
    DiditSessionMetadata Metadata,
    string? PortraitImage)
{
    public const string BiometricAuthentication = "biometric_authentication";

    // The portrait is a biometric: never let it reach a log line through ToString.
    public override string ToString() => $"{nameof(DiditSessionRequest)} {{ WorkflowId = {WorkflowId}, HasPortrait = {PortraitImage is not null} }}";
}
