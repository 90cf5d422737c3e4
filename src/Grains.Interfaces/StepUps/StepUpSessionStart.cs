using RiskEngine.Decisions;

namespace RiskEngine.StepUps;

/// <summary>What the user grain tells a new session grain about the step-up it opened.</summary>
[GenerateSerializer, Immutable, Alias("StepUpSessionStart")]
public sealed record StepUpSessionStart(
    [property: Id(0)] string DecisionId,
    [property: Id(1)] string UserId,
    [property: Id(2)] StepUpMethod Method,
    [property: Id(3)] string SessionUrl,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] DateTimeOffset ExpiresAt);
