using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;

namespace RiskEngine.Decisions;

/// <summary>
/// Each silo's sample of the decisions it made in the last 24 h, per tenant: the facts each was judged on, so
/// that a candidate policy can be judged on them too (<see cref="Policies.PolicySimulator"/>). For every quarter
/// hour it keeps a uniform sample of up to <see cref="PerSlot"/> decisions (reservoir sampling) and how many there
/// were, so a busy hour neither pushes the rest of the day out nor counts for less than it was. It holds
/// measurements only: no user, device or address. In memory: a restarted silo starts a new sample.
/// </summary>
public sealed class DecisionSampler([FromKeyedServices(Clock.Key)] TimeProvider time)
{
    public const int PerSlot = 128;
    public static readonly TimeSpan SlotLength = TimeSpan.FromMinutes(15);
    public static readonly int Slots = (int)(TimeSpan.FromHours(24) / SlotLength);

    private readonly ConcurrentDictionary<string, TenantSample> _tenants = new(StringComparer.Ordinal);

    /// <summary>On the decision path: a dictionary lookup, a short lock and a copy; no allocation after a tenant's first.</summary>
    public void Record(string tenantId, Guid decisionId, DateTimeOffset decidedAt, in RiskFacts facts) =>
        _tenants.GetOrAdd(tenantId, static _ => new TenantSample()).Record(decisionId, decidedAt, in facts);

    /// <summary>The tenant's kept decisions of the last 24 h, each with the number of decisions it stands for.</summary>
    public List<WeightedSample> Snapshot(string tenantId) =>
        _tenants.TryGetValue(tenantId, out var sample) ? sample.Snapshot(time.GetUtcNow()) : [];

    private sealed class TenantSample
    {
        private readonly DecisionSample[] _kept = new DecisionSample[Slots * PerSlot];
        private readonly long[] _slotNumber = new long[Slots];
        private readonly int[] _seen = new int[Slots];
        private readonly Lock _gate = new();

        public void Record(Guid decisionId, DateTimeOffset now, in RiskFacts facts)
        {
            var number = now.UtcTicks / SlotLength.Ticks;
            var slot = (int)(number % Slots);
            var kept = facts with { Currency = Iso4217.Canonical(facts.Currency) };
            lock (_gate)
            {
                if (_slotNumber[slot] != number) (_slotNumber[slot], _seen[slot]) = (number, 0);
                // Algorithm R: the n-th decision of a quarter hour replaces a random kept one with probability PerSlot/n.
                var n = ++_seen[slot];
                var index = n <= PerSlot ? n - 1 : Random.Shared.Next(n);
                if (index < PerSlot) _kept[slot * PerSlot + index] = new DecisionSample(decisionId, now, kept);
            }
        }

        public List<WeightedSample> Snapshot(DateTimeOffset now)
        {
            var current = now.UtcTicks / SlotLength.Ticks;
            var samples = new List<WeightedSample>();
            lock (_gate)
            {
                for (var slot = 0; slot < Slots; slot++)
                {
                    if (_seen[slot] == 0 || current - _slotNumber[slot] >= Slots) continue;
                    var count = Math.Min(_seen[slot], PerSlot);
                    var weight = (double)_seen[slot] / count;
                    for (var i = 0; i < count; i++) samples.Add(new WeightedSample(_kept[slot * PerSlot + i], weight));
                }
            }
            return samples;
        }
    }
}
