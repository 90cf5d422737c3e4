using Microsoft.Extensions.DependencyInjection;

namespace RiskEngine.Policies;

/// <summary>
/// A tenant's policy. Reads are [ReadOnly] so every user grain of the tenant can read at once; a save
/// is the only writer and takes the next version, so a decision always names the version it used.
/// </summary>
internal sealed class PolicyGrain(
    [PersistentState("policy")] IPersistentState<PolicyState> policy,
    [FromKeyedServices(Clock.Key)] TimeProvider time) : Grain, IPolicyGrain
{
    Task<Policy> IPolicyGrain.GetAsync() => Task.FromResult(policy.State.Current);

    async Task<Policy> IPolicyGrain.SaveAsync(Policy candidate)
    {
        await policy.UpdateAsync((candidate, time.GetUtcNow()),
            static (state, c) => state.Current = c.candidate with { Version = state.Current.Version + 1, UpdatedAt = c.Item2 });
        return policy.State.Current;
    }
}
