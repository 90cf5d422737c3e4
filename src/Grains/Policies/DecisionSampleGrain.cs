using RiskEngine.Placement;

namespace RiskEngine.Policies;

[SiloPinnedPlacement]
internal sealed class DecisionSampleGrain(DecisionSampler sampler) : Grain, IDecisionSampleGrain
{
    Task<PolicySimulation> IDecisionSampleGrain.SimulateAsync(string tenantId, Policy current, Policy candidate, long fromSlot) =>
        Task.FromResult(PolicySimulator.Simulate(sampler.Snapshot(tenantId, fromSlot), current, candidate));
}
