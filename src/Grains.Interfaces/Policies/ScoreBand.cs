using RiskEngine.Decisions;

namespace RiskEngine.Policies;

/// <summary>Scores from <see cref="Min"/> to <see cref="Max"/> (inclusive) map to this outcome.</summary>
[GenerateSerializer, Immutable, Alias("ScoreBand")]
public sealed record ScoreBand(
    [property: Id(0)] int Min,
    [property: Id(1)] int Max,
    [property: Id(2)] Outcome Outcome,
    [property: Id(3)] StepUpMethod? Method = null);
