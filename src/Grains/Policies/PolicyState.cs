namespace RiskEngine.Policies;

[GenerateSerializer, Alias("PolicyState")]
public sealed class PolicyState
{
    // Its own instance: a shared default would be exposed to anything that populates state in place.
    [Id(0)] public Policy Current { get; set; } = new();
}
