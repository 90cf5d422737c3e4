namespace RiskEngine.Policies;

/// <summary>
/// What a candidate policy would have decided on the tenant's recent decisions, beside what the current policy
/// decides on the same facts. <see cref="Sampled"/> decisions were judged again; they stand for
/// <see cref="Decisions"/>, and every count is scaled to that (each silo keeps a sample per quarter hour).
/// </summary>
[GenerateSerializer, Immutable, Alias("PolicySimulation")]
public sealed record PolicySimulation(
    [property: Id(0)] int Sampled,
    [property: Id(1)] long Decisions,
    [property: Id(2)] DateTimeOffset? From,
    [property: Id(3)] DateTimeOffset? To,
    [property: Id(4)] int CurrentVersion,
    [property: Id(5)] OutcomeCounts Current,
    [property: Id(6)] OutcomeCounts Candidate,
    [property: Id(7)] long Changed,
    [property: Id(8)] IReadOnlyList<OutcomeChange> Changes,
    [property: Id(9)] IReadOnlyList<SimulatedDecision> Examples,
    [property: Id(10)] IReadOnlyList<ActionOutcomes> ByAction);
