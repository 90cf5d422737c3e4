using RiskEngine.Decisions;

namespace RiskEngine.Policies;

/// <summary>What one policy makes of a decision's facts: as a decision would answer, without the step-up session.</summary>
[GenerateSerializer, Immutable, Alias("SimulatedVerdict")]
public sealed record SimulatedVerdict(
    [property: Id(0)] Outcome Outcome,
    [property: Id(1)] StepUpMethod? Method,
    [property: Id(2)] int RiskScore,
    [property: Id(3)] ReasonSet Reasons);
