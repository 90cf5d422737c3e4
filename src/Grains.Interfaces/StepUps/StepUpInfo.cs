namespace RiskEngine.StepUps;

/// <summary>The step-up part of a decision: where the user goes to re-authenticate.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("StepUpInfo")]
public sealed record StepUpInfo(
    [property: Id(0)] string SessionId,
    [property: Id(1)] string SessionUrl,
    [property: Id(2)] SessionStatus Status,
    [property: Id(3)] DateTimeOffset ExpiresAt);
