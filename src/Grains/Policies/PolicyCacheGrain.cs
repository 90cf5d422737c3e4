using RiskEngine.Placement;

namespace RiskEngine.Policies;

[SiloPinnedPlacement]
internal sealed class PolicyCacheGrain(PolicyCache cache) : Grain, IPolicyCacheGrain
{
    Task IPolicyCacheGrain.SetAsync(string tenantId, Policy policy)
    {
        cache.Set(tenantId, policy);
        return Task.CompletedTask;
    }
}
