namespace RiskEngine.Policies;

/// <summary>How many decisions the candidate policy moves from one outcome to another.</summary>
[GenerateSerializer, Immutable, Alias("OutcomeChange")]
public sealed record OutcomeChange(
    [property: Id(0)] SimulatedOutcome From,
    [property: Id(1)] SimulatedOutcome To,
    [property: Id(2)] long Decisions);
