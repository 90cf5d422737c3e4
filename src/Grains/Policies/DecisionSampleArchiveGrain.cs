namespace RiskEngine.Policies;

/// <summary>
/// Stored in the expiring storage, so a quarter hour's samples go by themselves a day after their last write. Read
/// only by simulations, it leaves memory after every call.
/// </summary>
internal sealed class DecisionSampleArchiveGrain(
    [PersistentState("samples", GrainPersistence.ExpiringStorage)] IPersistentState<DecisionSampleArchive> archive) : Grain, IDecisionSampleArchiveGrain
{
    async Task IDecisionSampleArchiveGrain.AddAsync(string silo, SampleContribution contribution)
    {
        DeactivateOnIdle();
        await this.PersistAsync(() => archive.UpdateAsync((silo, contribution), static (a, c) => a.BySilo[c.silo] = c.contribution));
    }

    Task<PolicySimulation> IDecisionSampleArchiveGrain.SimulateAsync(Policy current, Policy candidate)
    {
        DeactivateOnIdle();
        var samples = new List<WeightedSample>();
        foreach (var contribution in archive.State.BySilo.Values) DecisionSampler.AddWeighted(samples, contribution.Seen, contribution.Kept);
        return Task.FromResult(PolicySimulator.Simulate(samples, current, candidate));
    }
}
