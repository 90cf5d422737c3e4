namespace RiskEngine.Tests.Load;

/// <summary>
/// Tests that measure the load generator's own timing run on their own, after the rest: on two cores, a
/// test cluster starting next to them would make the generator lag and the test measure that.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    public const string Name = "timing";
}
