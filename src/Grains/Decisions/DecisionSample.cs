namespace RiskEngine.Decisions;

/// <summary>One decision as <see cref="DecisionSampler"/> keeps it: its id, when it was made, and what it was judged on.</summary>
public readonly record struct DecisionSample(Guid DecisionId, DateTimeOffset DecidedAt, RiskFacts Facts);
