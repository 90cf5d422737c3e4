namespace RiskEngine.Decisions;

/// <summary>One decision as a policy simulation keeps it: its id, when it was made, and what it was judged on.</summary>
[GenerateSerializer, Immutable, Alias("DecisionSample")]
public readonly record struct DecisionSample(
    [property: Id(0)] Guid DecisionId,
    [property: Id(1)] DateTimeOffset DecidedAt,
    [property: Id(2)] RiskFacts Facts);
