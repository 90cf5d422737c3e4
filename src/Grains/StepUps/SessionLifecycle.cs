using System.Collections.Frozen;

namespace RiskEngine.StepUps;

/// <summary>
/// Didit's session lifecycle. Direct transitions: Not Started → In Progress | Expired; In Progress →
/// Approved | Declined | In Review | Abandoned (| Expired, the engine's own timeout); a reviewer moves
/// In Review, Approved, Declined, Abandoned, Kyc Expired or Resubmitted to Approved, Declined or
/// Resubmitted; Approved → Kyc Expired. Webhooks can be lost or late, so an event may skip statuses
/// along these arrows (<see cref="CanReach"/>), never go against them.
/// </summary>
public static class SessionLifecycle
{
    private static readonly SessionStatus[] ReviewerTargets = [SessionStatus.Approved, SessionStatus.Declined, SessionStatus.Resubmitted];

    public static readonly FrozenDictionary<SessionStatus, SessionStatus[]> Next = new Dictionary<SessionStatus, SessionStatus[]>
    {
        [SessionStatus.NotStarted] = [SessionStatus.InProgress, SessionStatus.Expired],
        [SessionStatus.InProgress] = [SessionStatus.Approved, SessionStatus.Declined, SessionStatus.InReview, SessionStatus.Abandoned, SessionStatus.Expired],
        [SessionStatus.InReview] = ReviewerTargets,
        [SessionStatus.Approved] = [.. ReviewerTargets, SessionStatus.KycExpired],
        [SessionStatus.Declined] = ReviewerTargets,
        [SessionStatus.Abandoned] = ReviewerTargets,
        [SessionStatus.KycExpired] = ReviewerTargets,
        [SessionStatus.Resubmitted] = ReviewerTargets,
        [SessionStatus.Expired] = [],
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<SessionStatus, FrozenSet<SessionStatus>> Reachable =
        Enum.GetValues<SessionStatus>().ToFrozenDictionary(s => s, s => Closure(s).ToFrozenSet());

    /// <summary>True when some path of transitions leads from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool CanReach(SessionStatus from, SessionStatus to) => Reachable[from].Contains(to);

    /// <summary>Still waiting for the user: the only statuses a session can expire from.</summary>
    public static bool AwaitsUser(SessionStatus status) => status is SessionStatus.NotStarted or SessionStatus.InProgress;

    private static HashSet<SessionStatus> Closure(SessionStatus start)
    {
        var seen = new HashSet<SessionStatus>();
        var pending = new Stack<SessionStatus>(Next[start]);
        while (pending.TryPop(out var status))
            if (seen.Add(status))
                foreach (var next in Next[status]) pending.Push(next);
        return seen;
    }
}
