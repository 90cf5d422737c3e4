namespace RiskEngine.Policies;

/// <summary>The state of a <see cref="DecisionSampleArchiveGrain"/>: each silo's sample of the quarter hour, by silo address.</summary>
[GenerateSerializer, Alias("DecisionSampleArchive")]
public sealed class DecisionSampleArchive
{
    [Id(0)] public Dictionary<string, SampleContribution> BySilo { get; set; } = [];
}
