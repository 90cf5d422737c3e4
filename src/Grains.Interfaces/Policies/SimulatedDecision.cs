using RiskEngine.Decisions;

namespace RiskEngine.Policies;

/// <summary>A past decision the candidate policy would answer differently, under both policies.</summary>
[GenerateSerializer, Immutable, Alias("SimulatedDecision")]
public sealed record SimulatedDecision(
    [property: Id(0)] string DecisionId,
    [property: Id(1)] UserAction Action,
    [property: Id(2)] DateTimeOffset DecidedAt,
    [property: Id(3)] SimulatedVerdict Current,
    [property: Id(4)] SimulatedVerdict Candidate);
