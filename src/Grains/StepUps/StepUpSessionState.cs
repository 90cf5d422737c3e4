namespace RiskEngine.StepUps;

/// <summary>
/// A step-up session's persisted state and its pure lifecycle rules: every event is applied at most
/// once, an event older than the current status never overwrites it, and the status only moves along
/// <see cref="SessionLifecycle"/>. Status changes the platform or the user grain must hear about wait in
/// <see cref="Outbox"/>, persisted with the change itself.
/// </summary>
[GenerateSerializer, Alias("StepUpSessionState")]
public sealed class StepUpSessionState
{
    /// <summary>Event keys remembered for de-duplication; Didit sends a session a handful of events.</summary>
    public const int SeenLimit = 64;

    [Id(0)] public string? DecisionId { get; set; }
    [Id(1)] public string? UserId { get; set; }
    [Id(2)] public StepUpMethod? Method { get; set; }
    [Id(3)] public SessionStatus Status { get; set; }

    /// <summary>The time of the event that set <see cref="Status"/> (none yet: the minimum).</summary>
    [Id(4)] public DateTimeOffset StatusAt { get; set; }
    [Id(5)] public List<StatusChange> History { get; set; } = [];
    [Id(6)] public string? SessionUrl { get; set; }
    [Id(7)] public DateTimeOffset? CreatedAt { get; set; }
    [Id(8)] public DateTimeOffset? ExpiresAt { get; set; }
    [Id(9)] public double? LivenessScore { get; set; }
    [Id(10)] public double? FaceSimilarity { get; set; }
    [Id(11)] public List<string> SeenEvents { get; set; } = [];
    [Id(12)] public List<OutboxItem> Outbox { get; set; } = [];

    /// <summary>The engine opened this session (events can arrive before it hears back from the user grain).</summary>
    public bool Known => DecisionId is not null;

    public bool IsEmpty => !Known && History.Count == 0;

    public void Start(StepUpSessionStart start)
    {
        DecisionId = start.DecisionId;
        UserId = start.UserId;
        Method = start.Method;
        SessionUrl = start.SessionUrl;
        CreatedAt = start.CreatedAt;
        ExpiresAt = start.ExpiresAt;
        // StatusAt stays as the events left it: Didit's event times (whole seconds, Didit's clock) are only
        // ever compared with each other, never with this engine's own creation time.
        History.Insert(0, new StatusChange(SessionStatus.NotStarted, start.CreatedAt));
    }

    public EventOutcome Apply(SessionEvent e)
    {
        if (SeenEvents.Contains(e.Key)) return EventOutcome.Duplicate;
        if (SeenEvents.Count == SeenLimit) SeenEvents.RemoveAt(0);
        SeenEvents.Add(e.Key);

        if (e.At < StatusAt) return EventOutcome.Stale;
        if (e.Status == Status)
        {
            // A newer confirmation of the same status: events older than it must not overwrite it either.
            StatusAt = e.At;
            TakeScores(e);
            return EventOutcome.Unchanged;
        }
        if (!SessionLifecycle.CanReach(Status, e.Status)) return EventOutcome.Rejected;

        Status = e.Status;
        StatusAt = e.At;
        History.Add(new StatusChange(e.Status, e.At));
        TakeScores(e);
        return EventOutcome.Applied;
    }

    /// <summary>
    /// The session as a decision can send its user back to it: still awaiting the user and opened no longer ago than half
    /// its lifetime, so that the user has at least that half left to finish; otherwise null.
    /// </summary>
    public StepUpInfo? Resumable(string sessionId, DateTimeOffset now) =>
        Known && SessionLifecycle.AwaitsUser(Status) && SessionUrl is { } url && CreatedAt is { } created
        && ExpiresAt is { } expires && now - created <= (expires - created) / 2
            ? new StepUpInfo(sessionId, url, Status, expires)
            : null;

    /// <summary>Queues what the current status means for others: the platform's callback, and the user grain for a verdict.</summary>
    public void EnqueueCurrentStatus(bool hasCallback, DateTimeOffset now)
    {
        if (!Known || Status == SessionStatus.NotStarted) return;
        if (Status is SessionStatus.Approved or SessionStatus.Declined) Enqueue(OutboxKind.UserFeedback, now);
        if (hasCallback) Enqueue(OutboxKind.Callback, now);
    }

    private void Enqueue(OutboxKind kind, DateTimeOffset now) => Outbox.Add(new OutboxItem
    {
        EventId = "evt_" + Uuid.Version7(now).ToString("N"),
        Kind = kind,
        Status = Status,
        At = StatusAt,
        CreatedAt = now,
        NextAttemptAt = now,
    });

    private void TakeScores(SessionEvent e)
    {
        LivenessScore = e.LivenessScore ?? LivenessScore;
        FaceSimilarity = e.FaceSimilarity ?? FaceSimilarity;
    }
}
