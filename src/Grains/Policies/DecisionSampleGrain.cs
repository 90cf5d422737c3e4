using RiskEngine.Placement;

namespace RiskEngine.Policies;

[SiloPinnedPlacement]
internal sealed class DecisionSampleGrain(DecisionSampler sampler) : Grain, IDecisionSampleGrain
{
    Task<SiloSimulation> IDecisionSampleGrain.SimulateAsync(string tenantId, Policy current, Policy candidate, long fromSlot)
    {
        var held = sampler.Held(tenantId, fromSlot);
        var report = PolicySimulator.Simulate(DecisionSampler.Weighted(held.Select(h => h.Contribution)), current, candidate);
        return Task.FromResult(new SiloSimulation(this.GetPrimaryKeyString(), held.Select(h => h.Slot).ToArray(), report));
    }
}
