namespace RiskEngine.Policies;

/// <summary>
/// The decision sample one silo holds in memory: the quarter hours it has not archived yet (see
/// <see cref="IDecisionSampleArchiveGrain"/>). Key: that silo's address (<c>SiloAddress.ToParsableString()</c>);
/// the grain always lives on that silo, so a policy grain can judge a candidate on every silo's sample.
/// </summary>
[Alias("IDecisionSampleGrain")]
public interface IDecisionSampleGrain : IGrainWithStringKey
{
    /// <summary>
    /// Judges this silo's unarchived sample of the tenant's decisions, from quarter hour <paramref name="fromSlot"/> on,
    /// by both policies, and says which quarter hours it held.
    /// </summary>
    [ReadOnly, Alias("Simulate")]
    Task<SiloSimulation> SimulateAsync(string tenantId, Policy current, Policy candidate, long fromSlot);
}
