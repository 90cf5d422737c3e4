using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RiskEngine.Policies;

/// <summary>
/// A tenant's policy. A save is the only writer and takes the next version, so a decision always names
/// the version it used; before the save returns, every silo's <see cref="PolicyCache"/> has it, so the
/// next decision anywhere in the cluster applies it. The last <see cref="PolicyState.KeptVersions"/> versions are kept, so
/// the version a decision names can be read later. Reads are [ReadOnly]: they only refill caches or show versions.
/// </summary>
internal sealed partial class PolicyGrain(
    [PersistentState("policy")] IPersistentState<PolicyState> policy,
    [FromKeyedServices(Clock.Key)] TimeProvider time,
    ILogger<PolicyGrain> logger) : Grain, IPolicyGrain
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(5);

    Task<Policy> IPolicyGrain.GetAsync() => Task.FromResult(policy.State.Current);

    Task<Policy?> IPolicyGrain.GetVersionAsync(int version) => Task.FromResult(policy.State.Get(version));

    Task<IReadOnlyList<PolicyVersion>> IPolicyGrain.VersionsAsync() => Task.FromResult(policy.State.Versions());

    async Task<Policy> IPolicyGrain.SaveAsync(Policy candidate, string savedBy, int? ifVersion)
    {
        // Checked in the change itself, so that after a write conflict it holds against what the other activation saved.
        var saved = await policy.UpdateAsync((candidate, time.GetUtcNow(), savedBy, ifVersion), static (state, c) =>
        {
            if (c.ifVersion is { } expected && expected != state.Current.Version) return (false, false);
            state.Save(c.candidate, c.Item2, c.savedBy);
            return (true, true);
        });
        if (!saved) throw new PolicyVersionConflictException(ifVersion!.Value, policy.State.Current.Version);
        LogSaved(logger, this.GetPrimaryKeyString(), policy.State.Current.Version, savedBy);
        await PublishAsync(policy.State.Current);
        return policy.State.Current;
    }

    /// <summary>
    /// Every silo judges the quarter hours it still holds, then each archived quarter hour judges the rest: the samples
    /// of silos that did not hold it then. Asking in that order counts a quarter hour archived meanwhile once, from
    /// memory. A part that cannot answer fails the whole simulation (503): counts without it would mislead.
    /// </summary>
    async Task<PolicySimulation> IPolicyGrain.SimulateAsync(Policy candidate, int hours)
    {
        var current = policy.State.Current;
        var tenantId = this.GetPrimaryKeyString();
        var now = DecisionSampler.SlotOf(time.GetUtcNow());
        var slots = Math.Clamp(hours, 1, DecisionSampler.MaxHours) * DecisionSampler.SlotsPerHour;
        var live = await Task.WhenAll((await SilosAsync()).Select(silo =>
            GrainFactory.GetGrain<IDecisionSampleGrain>(silo.ToParsableString())
                .SimulateAsync(tenantId, current, candidate, now - slots + 1).WaitAsync(CallTimeout)));
        var archived = await Task.WhenAll(Enumerable.Range(0, slots).Select(back => now - back).Select(slot =>
            GrainFactory.GetGrain<IDecisionSampleArchiveGrain>(GrainKeys.For(tenantId, slot.ToString(CultureInfo.InvariantCulture)))
                .SimulateAsync(current, candidate, [.. live.Where(s => s.HeldSlots.Contains(slot)).Select(s => s.Silo)])
                .WaitAsync(CallTimeout)));
        return PolicySimulator.Merge([.. live.Select(s => s.Report), .. archived], current.Version);
    }

    private async Task<IEnumerable<SiloAddress>> SilosAsync() =>
        (await GrainFactory.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Keys;

    private async Task PublishAsync(Policy saved)
    {
        var tenantId = this.GetPrimaryKeyString();
        await Task.WhenAll((await SilosAsync()).Select(async silo =>
        {
            try
            {
                await GrainFactory.GetGrain<IPolicyCacheGrain>(silo.ToParsableString()).SetAsync(tenantId, saved)
                    .WaitAsync(CallTimeout);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // That silo refreshes its copy within PolicyCache.MaxAge anyway.
                LogNotPublished(logger, tenantId, saved.Version, silo.ToString(), e.GetType().Name);
            }
        }));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Policy {Version} of tenant {TenantId} saved by {SavedBy}")]
    private static partial void LogSaved(ILogger logger, string tenantId, int version, string savedBy);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Policy {Version} of tenant {TenantId} not pushed to silo {Silo} ({Error}); it catches up within 10 s")]
    private static partial void LogNotPublished(ILogger logger, string tenantId, int version, string silo, string error);
}
