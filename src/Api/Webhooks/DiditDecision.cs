namespace RiskEngine.Api.Webhooks;

/// <summary>Didit's <c>decision</c> object, reduced to the scores (0–100) of its checks.</summary>
public sealed record DiditDecision(DiditCheck[]? LivenessChecks = null, DiditCheck[]? FaceMatches = null);
