namespace RiskEngine.Policies;

/// <summary>
/// A tenant's decision samples of one finished quarter hour, from every silo, kept for 24 h so a policy simulation
/// outlives restarts and deployments. Key: <c>{tenant}/{quarter hour number}</c> (see <c>DecisionSampler.SlotOf</c>).
/// </summary>
[Alias("IDecisionSampleArchiveGrain")]
public interface IDecisionSampleArchiveGrain : IGrainWithStringKey
{
    /// <summary>Keeps one silo's sample; the same silo sending it again replaces it.</summary>
    [Alias("Add")]
    Task AddAsync(string silo, SampleContribution contribution);

    /// <summary>
    /// Judges the kept decisions by both policies, but for the samples of <paramref name="skipSilos"/>: those silos
    /// still hold this quarter hour and have judged it themselves.
    /// </summary>
    [ReadOnly, Alias("Simulate")]
    Task<PolicySimulation> SimulateAsync(Policy current, Policy candidate, string[] skipSilos);
}
