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

    Task<PolicySimulation> IDecisionSampleArchiveGrain.SimulateAsync(Policy current, Policy candidate, string[] skipSilos)
    {
        DeactivateOnIdle();
        var samples = DecisionSampler.Weighted(archive.State.BySilo.Where(s => !skipSilos.Contains(s.Key)).Select(s => s.Value));
        return Task.FromResult(PolicySimulator.Simulate(samples, current, candidate));
    }
}
