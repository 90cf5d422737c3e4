using System.Runtime.InteropServices;
using RiskEngine.Geo;

namespace RiskEngine.Users;

/// <summary>
/// One user's risk history: the persisted state of <see cref="UserRiskGrain"/>. <see cref="Measure"/>
/// reads it into <see cref="RiskFacts"/>; <see cref="Record"/> and <see cref="ApplyStepUp"/> learn from
/// outcomes. Pure: no I/O, no clock, every list bounded by <see cref="HistoryLimits"/>.
/// </summary>
[GenerateSerializer, Alias("UserProfile")]
public sealed class UserProfile
{
    [Id(0)] public List<Sighting<ulong>> Devices { get; set; } = [];
    [Id(1)] public List<Sighting<NetworkPrefix>> Networks { get; set; } = [];
    [Id(2)] public List<Sighting<string>> Countries { get; set; } = [];
    [Id(3)] public List<Sighting<uint>> Asns { get; set; } = [];
    [Id(4)] public GeoPoint? LastLocation { get; set; }
    [Id(5)] public DateTime LastLocationAt { get; set; }
    [Id(6)] public List<AmountStats> Amounts { get; set; } = [];
    [Id(7)] public List<DateTime> RecentActions { get; set; } = [];
    [Id(8)] public List<TransferRecord> RecentTransfers { get; set; } = [];
    [Id(9)] public List<StepUpApproval> Approvals { get; set; } = [];

    /// <summary>Declined step-ups since the last Approved one.</summary>
    [Id(10)] public List<DateTime> Declines { get; set; } = [];
    [Id(11)] public bool Locked { get; set; }
    [Id(12)] public List<PendingStepUp> PendingStepUps { get; set; } = [];

    /// <summary>Sessions as engines before <see cref="SessionRef"/> stored them (older than those in <see cref="_sessions"/>).</summary>
    [Id(13)] public List<string>? SessionIds { get; set; }

    [Id(14)] private List<SessionRef> _sessions = [];

    /// <summary>When an operator last lifted a lock or declines (<see cref="Unlock"/>), and who: the API key's name.</summary>
    [Id(15)] public DateTime? UnlockedAt { get; set; }
    [Id(16)] public string? UnlockedBy { get; set; }

    /// <summary>Every step-up session still stored for this user, oldest first; the grain erases those beyond the limit.</summary>
    /// <remarks>Those of a history stored with string ids join the list on first use, and are written back that way.</remarks>
    public List<SessionRef> Sessions
    {
        get
        {
            if (SessionIds is { } stored)
            {
                _sessions.InsertRange(0, stored.Select(SessionRef.From));
                SessionIds = null;
            }
            return _sessions;
        }
    }

    public RiskFacts Measure(in Observation o)
    {
        var firstSeen = Devices.Count == 0;
        var facts = new RiskFacts
        {
            Action = o.Action,
            FirstSeen = firstSeen,
            NewDevice = !firstSeen && !Devices.Contains(o.Device),
            NewNetwork = !firstSeen && !Networks.Contains(o.Network),
            // A country or ASN is only "new" against a history that has some: nothing to compare otherwise.
            NewCountry = o.Country is not null && Countries.Count > 0 && !Countries.Contains(o.Country),
            NewAsn = o.Asn != 0 && Asns.Count > 0 && !Asns.Contains(o.Asn),
            AnonymousIp = o.IsAnonymous,
            GeoUnavailable = o.Country is null,
            Locked = Locked,
            Amount = o.Amount,
            Currency = o.Currency,
            ActionsLastMinute = 1 + CountSince(RecentActions, o.At - HistoryLimits.VelocityWindow),
            SincePassiveApproval = SinceApproval(o.Device, StepUpMethod.Passive, o.At),
            SinceActive3DApproval = SinceApproval(o.Device, StepUpMethod.Active3D, o.At),
        };

        if (LastLocation is { } last && o.Location is { } here)
        {
            facts.TravelKm = last.DistanceKm(here);
            facts.TravelTime = o.At - LastLocationAt;
        }

        if (o.Action == UserAction.Transfer && o.Currency is not null)
        {
            var stats = IndexOfCurrency(o.Currency);
            if (stats >= 0)
            {
                facts.PriorTransfers = Amounts[stats].Count;
                facts.MeanTransfer = Amounts[stats].Mean;
            }
            facts.Transferred24H = o.Amount + SumSince(o.Currency, o.At - HistoryLimits.TransferWindow);
        }

        return facts;
    }

    /// <summary>
    /// Learns from a decided request. Known things are touched whatever the outcome; new ones become
    /// known only when the action was allowed. A step-up is remembered until its session ends. Returns
    /// whether the user's known world changed (something new learned, a transfer counted, a step-up
    /// pending) — as opposed to last-seen times and the velocity clock only.
    /// </summary>
    public bool Record(in Observation o, in Evaluation evaluation, string? stepUpSessionId)
    {
        Append(RecentActions, o.At, HistoryLimits.RecentActions);

        var learned = false;
        if (evaluation.Outcome == Outcome.Allow)
        {
            learned = Learn(in o);
        }
        else
        {
            Devices.Touch(o.Device, o.At);
            Networks.Touch(o.Network, o.At);
        }

        if (o.Action == UserAction.Transfer && o.Currency is not null && evaluation.Outcome != Outcome.Block)
        {
            AddTransfer(o.Currency, o.Amount, o.At);
            learned = true;
        }

        if (stepUpSessionId is not null)
        {
            if (PendingStepUps.Count == HistoryLimits.PendingStepUps) PendingStepUps.RemoveAt(0);
            var session = SessionRef.From(stepUpSessionId);
            PendingStepUps.Add(new PendingStepUp { Session = session, Observation = o, Method = evaluation.Method!.Value });
            Sessions.Add(session);
            learned = true;
        }
        return learned;
    }

    /// <summary>
    /// The newest step-up this user was sent to from the same device and network, of <paramref name="method"/> or a
    /// stronger one, with no verdict applied yet: the session a repeated request can be sent back to instead of a new
    /// one (whether it still awaits the user, its own state says).
    /// </summary>
    public PendingStepUp? Unanswered(in Observation o, StepUpMethod method)
    {
        for (var i = PendingStepUps.Count - 1; i >= 0; i--)
        {
            var p = PendingStepUps[i];
            if (p.Applied is null && p.Method >= method && p.Observation.Device == o.Device && p.Observation.Network == o.Network)
                return p;
        }
        return null;
    }

    /// <summary>
    /// Whether a step-up from this device would open one session too many: it is not a device the user is known on,
    /// and new devices are held back (<see cref="NewDeviceStepUpsHeldUntil"/>). A known device is never held back, so a
    /// flood of made-up devices cannot keep the user from stepping up on their own.
    /// </summary>
    public bool NewDeviceStepUpLimitReached(in Observation o, PolicyThresholds thresholds) =>
        !Devices.Contains(o.Device) && NewDeviceStepUpsHeldUntil(o.At, thresholds) is not null;

    /// <summary>
    /// Until when a device the user is not known on gets no new step-up session, or null if it may have one at
    /// <paramref name="at"/>: <see cref="PolicyThresholds.NewDeviceStepUpLimit"/> sessions were opened within the window
    /// for devices the user is still not known on (one whose step-up was Approved is known, so it stops counting), and
    /// the hold ends when the oldest of the newest that many leaves the window.
    /// </summary>
    public DateTime? NewDeviceStepUpsHeldUntil(DateTime at, PolicyThresholds thresholds)
    {
        var window = TimeSpan.FromMinutes(thresholds.NewDeviceStepUpWindowMinutes);
        Span<DateTime> opened = stackalloc DateTime[HistoryLimits.PendingStepUps];
        var count = 0;
        foreach (ref readonly var p in CollectionsMarshal.AsSpan(PendingStepUps))
            if (p.Observation.At > at - window && !Devices.Contains(p.Observation.Device)) opened[count++] = p.Observation.At;
        if (count < thresholds.NewDeviceStepUpLimit) return null;
        opened = opened[..count];
        opened.Sort(); // by occurred_at, which a platform may send out of order
        return opened[count - thresholds.NewDeviceStepUpLimit] + window;
    }

    /// <summary>
    /// Applies a step-up's final status. Approved enrols the device and network, records the method for
    /// freshness, clears declines and unlocks; Declined counts toward the lock. Returns whether anything
    /// changed (an unknown session or a repeated status changes nothing).
    /// </summary>
    public bool ApplyStepUp(string sessionId, SessionStatus status, DateTime at, PolicyThresholds thresholds)
    {
        var session = SessionRef.From(sessionId);
        var pendings = CollectionsMarshal.AsSpan(PendingStepUps); // nothing below adds to or removes from this list
        var i = 0;
        while (i < pendings.Length && pendings[i].Session != session) i++;
        if (i == pendings.Length || pendings[i].Applied == status) return false;
        ref var pending = ref pendings[i];

        switch (status)
        {
            case SessionStatus.Approved:
                var o = pending.Observation;
                Learn(in o);
                RecordApproval(o.Device, pending.Method, at);
                Declines.Clear();
                Locked = false;
                break;
            case SessionStatus.Declined:
                Append(Declines, at, HistoryLimits.Declines);
                var window = at - TimeSpan.FromHours(thresholds.LockWindowHours);
                if (CountSince(Declines, window) >= thresholds.LockAfterDeclines) Locked = true;
                break;
            default:
                return false;
        }
        pending.Applied = status;
        return true;
    }

    /// <summary>
    /// An operator's unlock: the lock and the declines that led to it are cleared, and who did it when is kept, so
    /// that a risk analyst can tell a lock lifted by support from one lifted by the user's own approval. Returns
    /// false, recording nothing, when there was nothing to lift.
    /// </summary>
    public bool Unlock(DateTime at, string by)
    {
        if (!Locked && Declines.Count == 0) return false;
        Locked = false;
        Declines.Clear();
        (UnlockedAt, UnlockedBy) = (at, by);
        return true;
    }

    /// <summary>This history as support staff and access requests read it (newest first); null when nothing is known of the user.</summary>
    public UserView? View()
    {
        if (Devices.Count == 0 && PendingStepUps.Count == 0 && Sessions.Count == 0 && Declines.Count == 0 && !Locked) return null;
        return new UserView(Locked, [.. Declines], Devices.Count,
            Known(Networks, static n => n.ToString()), Known(Countries, static c => c), Known(Asns, static a => $"AS{a}"),
            LastLocation is { } last ? new LastLocation(last.Latitude, last.Longitude, LastLocationAt) : null,
            [.. Amounts.Select(a => new TransferHabit(a.Currency, a.Count, a.Mean, a.LastAt))],
            [.. PendingStepUps.Select(p => p.Session.ToString())], [.. Sessions.Select(s => s.ToString())], UnlockedAt, UnlockedBy);

        static KnownValue[] Known<TKey>(List<Sighting<TKey>> history, Func<TKey, string> show) where TKey : IEquatable<TKey> =>
            [.. history.OrderByDescending(s => s.LastSeen).Select(s => new KnownValue(show(s.Key), s.FirstSeen, s.LastSeen))];
    }

    /// <summary>Makes the observation's device, network, country and ASN known; true when one of them was new.</summary>
    private bool Learn(in Observation o)
    {
        var learned = Devices.Learn(o.Device, o.At, HistoryLimits.Devices);
        learned |= Networks.Learn(o.Network, o.At, HistoryLimits.Networks);
        if (o.Country is not null) learned |= Countries.Learn(o.Country, o.At, HistoryLimits.Countries);
        if (o.Asn != 0) learned |= Asns.Learn(o.Asn, o.At, HistoryLimits.Asns);
        if (o.Location is { } here && o.At >= LastLocationAt)
        {
            LastLocation = here;
            LastLocationAt = o.At;
        }
        if (o.Action == UserAction.Transfer && o.Currency is not null) AddToMean(o.Currency, o.Amount, o.At);
        return learned;
    }

    private TimeSpan SinceApproval(ulong device, StepUpMethod method, DateTime at)
    {
        foreach (var approval in Approvals)
            if (approval.Device == device && approval.Method == method) return at - approval.At;
        return TimeSpan.MaxValue;
    }

    private void RecordApproval(ulong device, StepUpMethod method, DateTime at)
    {
        var span = CollectionsMarshal.AsSpan(Approvals);
        for (var i = 0; i < span.Length; i++)
        {
            if (span[i].Device != device || span[i].Method != method) continue;
            if (at > span[i].At) span[i].At = at;
            return;
        }
        if (Approvals.Count == HistoryLimits.Approvals) Approvals.RemoveAt(0);
        Approvals.Add(new StepUpApproval { Device = device, Method = method, At = at });
    }

    private int IndexOfCurrency(string currency)
    {
        for (var i = 0; i < Amounts.Count; i++)
            if (Amounts[i].Currency == currency) return i;
        return -1;
    }

    private void AddToMean(string currency, decimal amount, DateTime at)
    {
        var i = IndexOfCurrency(currency);
        if (i < 0)
        {
            if (Amounts.Count == HistoryLimits.Currencies)
            {
                var oldest = 0;
                for (var j = 1; j < Amounts.Count; j++)
                    if (Amounts[j].LastAt < Amounts[oldest].LastAt) oldest = j;
                Amounts.RemoveAt(oldest);
            }
            Amounts.Add(new AmountStats { Currency = currency });
            i = Amounts.Count - 1;
        }
        ref var stats = ref CollectionsMarshal.AsSpan(Amounts)[i];
        stats.Count++;
        stats.Mean += (amount - stats.Mean) / stats.Count;
        stats.LastAt = at;
    }

    private decimal SumSince(string currency, DateTime since)
    {
        var sum = 0m;
        foreach (var t in RecentTransfers)
            if (t.At > since && t.Currency == currency) sum += t.Amount;
        return sum;
    }

    private void AddTransfer(string currency, decimal amount, DateTime at)
    {
        var expired = 0;
        while (expired < RecentTransfers.Count && RecentTransfers[expired].At <= at - HistoryLimits.TransferWindow) expired++;
        RecentTransfers.RemoveRange(0, expired);
        if (RecentTransfers.Count == HistoryLimits.RecentTransfers)
        {
            // Fold the oldest into the next one of its currency (or into this one): the sum is kept a
            // little longer than exact, so a flood of small transfers over-counts rather than hides.
            var oldest = RecentTransfers[0];
            RecentTransfers.RemoveAt(0);
            var next = IndexOfTransfer(oldest.Currency);
            if (next >= 0) CollectionsMarshal.AsSpan(RecentTransfers)[next].Amount += oldest.Amount;
            else if (oldest.Currency == currency) amount += oldest.Amount;
        }
        RecentTransfers.Add(new TransferRecord { At = at, Currency = currency, Amount = amount });
    }

    private int IndexOfTransfer(string currency)
    {
        for (var i = 0; i < RecentTransfers.Count; i++)
            if (RecentTransfers[i].Currency == currency) return i;
        return -1;
    }

    private static int CountSince(List<DateTime> times, DateTime since)
    {
        var count = 0;
        foreach (var t in times)
            if (t > since) count++;
        return count;
    }

    private static void Append(List<DateTime> times, DateTime at, int limit)
    {
        if (times.Count == limit) times.RemoveAt(0);
        times.Add(at);
    }
}
