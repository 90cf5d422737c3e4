namespace RiskEngine.Policies;

/// <summary>
/// The sample of recent decisions one silo keeps. Key: that silo's address (<c>SiloAddress.ToParsableString()</c>);
/// the grain always lives on that silo, so a policy grain can judge a candidate on every silo's sample.
/// </summary>
[Alias("IDecisionSampleGrain")]
public interface IDecisionSampleGrain : IGrainWithStringKey
{
    /// <summary>Judges this silo's sample of the tenant's decisions by both policies.</summary>
    [ReadOnly, Alias("Simulate")]
    Task<PolicySimulation> SimulateAsync(string tenantId, Policy current, Policy candidate);
}
