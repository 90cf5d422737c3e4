using RiskEngine.Decisions;

namespace RiskEngine.Policies;

/// <summary>One action's decisions in a simulation, under the current policy and under the candidate.</summary>
[GenerateSerializer, Immutable, Alias("ActionOutcomes")]
public sealed record ActionOutcomes(
    [property: Id(0)] UserAction Action,
    [property: Id(1)] OutcomeCounts Current,
    [property: Id(2)] OutcomeCounts Candidate);
