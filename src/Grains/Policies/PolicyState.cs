namespace RiskEngine.Policies;

[GenerateSerializer, Alias("PolicyState")]
public sealed class PolicyState
{
    [Id(0)] public Policy Current { get; set; } = Policy.Default;
}
