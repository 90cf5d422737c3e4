namespace RiskEngine.Api.Sandbox;

/// <summary>The choices the sandbox page offers, as the statuses Didit would report.</summary>
public static class SandboxVerdict
{
    public static readonly IReadOnlyDictionary<string, SessionStatus> ByName = new Dictionary<string, SessionStatus>(StringComparer.OrdinalIgnoreCase)
    {
        ["approve"] = SessionStatus.Approved,
        ["decline"] = SessionStatus.Declined,
        ["review"] = SessionStatus.InReview,
        ["abandon"] = SessionStatus.Abandoned,
    };
}
