using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;

namespace RiskEngine.Decisions;

/// <summary>
/// Each silo's sample of the decisions it makes, per tenant: the facts each was judged on, so that a candidate
/// policy can be judged on them too (<see cref="Policies.PolicySimulator"/>). For every quarter hour it keeps a
/// uniform sample of up to <see cref="PerSlot"/> decisions (reservoir sampling) and how many there were, so a busy
/// hour neither pushes the rest of the day out nor counts for less than it was. A finished quarter hour is handed to
/// the archive (<see cref="Policies.DecisionSampleArchiver"/>) within a minute, which keeps it for a day across
/// restarts; until then it is here, in a ring of <see cref="RingSlots"/> quarter hours, so an archive out of reach
/// for longer than that loses the oldest. It holds measurements only: no user, device or address.
/// </summary>
public sealed class DecisionSampler([FromKeyedServices(Clock.Key)] TimeProvider time)
{
    public const int PerSlot = 128;
    public static readonly TimeSpan SlotLength = TimeSpan.FromMinutes(15);
    public static readonly int Slots = (int)(GrainPersistence.ExpiringStorageLifetime / SlotLength);
    public static readonly int SlotsPerHour = (int)(TimeSpan.FromHours(1) / SlotLength);

    /// <summary>Quarter hours held in memory: the one under way and those the archive has not taken yet (2 h of them).</summary>
    public const int RingSlots = 8;

    /// <summary>How far back a simulation can look: as long as the archive keeps a quarter hour.</summary>
    public static readonly int MaxHours = Slots / SlotsPerHour;

    private readonly ConcurrentDictionary<string, TenantSample> _tenants = new(StringComparer.Ordinal);

    /// <summary>The quarter hour a moment falls in, counted from 0001-01-01.</summary>
    public static long SlotOf(DateTimeOffset at) => at.UtcTicks / SlotLength.Ticks;

    /// <summary>On the decision path: a dictionary lookup, a short lock and a copy; no allocation after a tenant's first.</summary>
    public void Record(string tenantId, Guid decisionId, DateTimeOffset decidedAt, in RiskFacts facts) =>
        _tenants.GetOrAdd(tenantId, static _ => new TenantSample()).Record(decisionId, decidedAt, in facts);

    /// <summary>The tenant's quarter hours held here (not yet archived), of the last 24 h and from <paramref name="fromSlot"/> on.</summary>
    public List<(long Slot, SampleContribution Contribution)> Held(string tenantId, long fromSlot = 0) =>
        _tenants.TryGetValue(tenantId, out var tenant)
            ? tenant.Unarchived(SlotOf(time.GetUtcNow()), includeCurrent: true).Where(h => h.Slot >= fromSlot).ToList()
            : [];

    /// <summary>Quarter hours of the last 24 h not yet archived: the finished ones, and with <paramref name="includeCurrent"/> this one.</summary>
    public IEnumerable<(string TenantId, long Slot, SampleContribution Contribution)> Unarchived(bool includeCurrent)
    {
        var current = SlotOf(time.GetUtcNow());
        foreach (var (tenantId, tenant) in _tenants)
            foreach (var (slot, contribution) in tenant.Unarchived(current, includeCurrent))
                yield return (tenantId, slot, contribution);
    }

    /// <summary>Forgets a quarter hour the archive now keeps (unless it has started over a day later meanwhile).</summary>
    public void Archived(string tenantId, long slot) => _tenants[tenantId].Archived(slot);

    /// <summary>Each kept decision of a contribution stands for the decisions it saw over the number it kept.</summary>
    public static List<WeightedSample> Weighted(IEnumerable<SampleContribution> contributions) =>
        contributions.SelectMany(c => c.Kept.Select(sample => new WeightedSample(sample, (double)c.Seen / c.Kept.Length))).ToList();

    private sealed class TenantSample
    {
        private readonly DecisionSample[] _kept = new DecisionSample[RingSlots * PerSlot];
        private readonly long[] _slot = new long[RingSlots];
        private readonly int[] _seen = new int[RingSlots];
        private readonly Lock _gate = new();

        public void Record(Guid decisionId, DateTimeOffset now, in RiskFacts facts)
        {
            var number = SlotOf(now);
            var slot = (int)(number % RingSlots);
            lock (_gate)
            {
                if (_slot[slot] != number) (_slot[slot], _seen[slot]) = (number, 0);
                // Algorithm R: the n-th decision of a quarter hour replaces a random kept one with probability PerSlot/n.
                var n = ++_seen[slot];
                var index = n <= PerSlot ? n - 1 : Random.Shared.Next(n);
                if (index < PerSlot) _kept[slot * PerSlot + index] = new DecisionSample(decisionId, now, facts);
            }
        }

        public List<(long Slot, SampleContribution Contribution)> Unarchived(long current, bool includeCurrent)
        {
            var found = new List<(long, SampleContribution)>();
            lock (_gate)
            {
                for (var slot = 0; slot < RingSlots; slot++)
                {
                    if (_seen[slot] == 0 || current - _slot[slot] >= Slots || (!includeCurrent && _slot[slot] == current)) continue;
                    var kept = _kept.AsSpan(slot * PerSlot, Math.Min(_seen[slot], PerSlot)).ToArray();
                    found.Add((_slot[slot], new SampleContribution(_seen[slot], kept)));
                }
            }
            return found;
        }

        public void Archived(long number)
        {
            lock (_gate)
            {
                var slot = (int)(number % RingSlots);
                if (_slot[slot] == number) _seen[slot] = 0;
            }
        }
    }
}
