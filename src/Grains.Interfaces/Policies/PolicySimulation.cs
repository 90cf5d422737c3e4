namespace RiskEngine.Policies;

/// <summary>
/// What a candidate policy would have decided on the tenant's recent decisions, beside what the current policy
/// decides on the same facts. <see cref="Sampled"/> decisions were judged again; they stand for
/// <see cref="Decisions"/>, and every count is scaled to that (each silo keeps a sample per quarter hour). The
/// totals are those of <see cref="ByAction"/> and <see cref="Changes"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("PolicySimulation")]
public sealed record PolicySimulation(
    [property: Id(0), JsonPropertyOrder(-2)] int Sampled,
    [property: Id(1)] DateTimeOffset? From,
    [property: Id(2)] DateTimeOffset? To,
    [property: Id(3)] int CurrentVersion,
    [property: Id(4)] IReadOnlyList<ActionOutcomes> ByAction,
    [property: Id(5)] IReadOnlyList<OutcomeChange> Changes,
    [property: Id(6)] IReadOnlyList<SimulatedDecision> Examples)
{
    [JsonPropertyOrder(-1)] public long Decisions => Current.Total();

    [JsonPropertyOrder(-1)] public OutcomeCounts Current => OutcomeCounts.Sum(ByAction.Select(a => a.Current));

    [JsonPropertyOrder(-1)] public OutcomeCounts Candidate => OutcomeCounts.Sum(ByAction.Select(a => a.Candidate));

    [JsonPropertyOrder(-1)] public long Changed => Changes.Sum(c => c.Decisions);
}
