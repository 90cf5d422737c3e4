using RiskEngine.StepUps;

namespace RiskEngine.Decisions;

/// <summary>The answer to a decision request, exactly as the API returns it.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("DecisionResult")]
public sealed record DecisionResult(
    [property: Id(0)] string DecisionId,
    [property: Id(1)] Outcome Outcome,
    [property: Id(2)] StepUpMethod? Method,
    [property: Id(3)] int RiskScore,
    [property: Id(4)] ReasonSet Reasons,
    [property: Id(5)] int PolicyVersion,
    [property: Id(6)] StepUpInfo? StepUp);
