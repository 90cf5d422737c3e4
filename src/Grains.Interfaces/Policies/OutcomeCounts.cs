namespace RiskEngine.Policies;

/// <summary>How many decisions end in each outcome (estimated from a sample: see <see cref="PolicySimulation"/>).</summary>
[GenerateSerializer, Immutable, Alias("OutcomeCounts")]
public sealed record OutcomeCounts(
    [property: Id(0)] long Allow,
    [property: Id(1)] long StepUpPassive,
    [property: Id(2), JsonPropertyName("step_up_active_3d")] long StepUpActive3D,
    [property: Id(3)] long Block)
{
    public long Total() => Allow + StepUpPassive + StepUpActive3D + Block;

    public static OutcomeCounts Sum(IEnumerable<OutcomeCounts> counts) => counts.Aggregate(new OutcomeCounts(0, 0, 0, 0),
        (s, c) => new OutcomeCounts(s.Allow + c.Allow, s.StepUpPassive + c.StepUpPassive, s.StepUpActive3D + c.StepUpActive3D, s.Block + c.Block));
}
