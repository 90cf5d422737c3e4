using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;

namespace RiskEngine.Policies;

/// <summary>
/// Each silo's copy of the tenants' policies, so a decision needs no call to the policy grain. A save
/// updates every silo's copy before it returns (through <see cref="IPolicyCacheGrain"/>); a copy older than
/// <see cref="MaxAge"/> is fetched again, which bounds how long a silo that missed an update stays behind.
/// </summary>
public sealed class PolicyCache([FromKeyedServices(Clock.Key)] TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, (Policy Policy, DateTimeOffset At)> _policies = new(StringComparer.Ordinal);

    public bool TryGet(string tenantId, out Policy policy)
    {
        policy = null!;
        if (!_policies.TryGetValue(tenantId, out var entry) || time.GetUtcNow() - entry.At > MaxAge) return false;
        policy = entry.Policy;
        return true;
    }

    /// <summary>Keeps the newest version: a fetch that raced a save never puts the older policy back.</summary>
    public void Set(string tenantId, Policy policy)
    {
        var now = time.GetUtcNow();
        _policies.AddOrUpdate(tenantId, (policy, now),
            (_, current) => policy.Version >= current.Policy.Version ? (policy, now) : current);
    }
}
