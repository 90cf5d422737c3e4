using RiskEngine.Decisions;

namespace RiskEngine.Policies;

/// <summary>One silo's sample of a tenant's decisions in one quarter hour: those kept, and how many there were.</summary>
[GenerateSerializer, Immutable, Alias("SampleContribution")]
public sealed record SampleContribution([property: Id(0)] int Seen, [property: Id(1)] DecisionSample[] Kept);
