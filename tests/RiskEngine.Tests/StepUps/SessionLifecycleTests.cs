using CsCheck;

namespace RiskEngine.Tests.StepUps;

public sealed class SessionLifecycleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 13, 0, 0, TimeSpan.Zero);

    private static SessionEvent Event(SessionStatus status, int second, string? id = null, double? liveness = null) =>
        new(id ?? $"e-{status}-{second}", status, T0.AddSeconds(second), liveness);

    private static StepUpSessionState Started()
    {
        var state = new StepUpSessionState();
        state.Start(new StepUpSessionStart("d-1", "u-1", StepUpMethod.Passive, "http://x", T0, T0.AddMinutes(30)));
        return state;
    }

    /// <summary>A lifecycle Didit could really produce: a random walk along the documented transitions.</summary>
    private static readonly Gen<SessionStatus[]> LegalPath = Gen.Int[0, 1000].Array[1, 8].Select(choices =>
    {
        var path = new List<SessionStatus>();
        var current = SessionStatus.NotStarted;
        foreach (var choice in choices)
        {
            var next = SessionLifecycle.Next[current];
            if (next.Length == 0) break;
            current = next[choice % next.Length];
            path.Add(current);
        }
        return path.ToArray();
    });

    /// <summary>Each event delivered at least once, some twice or more, in any order.</summary>
    private static readonly Gen<(SessionStatus[] Path, int[] Deliveries)> Deliveries =
        LegalPath.SelectMany(path => Gen.Int[0, path.Length - 1].Array[0, 2 * path.Length]
            .SelectMany(extra => Gen.Shuffle(Enumerable.Range(0, path.Length).Concat(extra).ToArray()))
            .Select(order => (path, order)));

    [Fact]
    public void Duplicated_reordered_and_stale_events_never_yield_an_illegal_or_regressed_status()
    {
        Deliveries.Sample(t =>
        {
            var (path, deliveries) = t;
            var state = Started();
            foreach (var i in deliveries)
            {
                var (before, beforeAt) = (state.Status, state.StatusAt);
                var outcome = state.Apply(Event(path[i], i + 1));

                Assert.True(state.StatusAt >= beforeAt, "an older event overwrote a newer status");
                if (outcome == EventOutcome.Applied)
                    Assert.True(SessionLifecycle.CanReach(before, state.Status), $"{before} -> {state.Status}");
                else if (outcome == EventOutcome.Unchanged)
                    Assert.Equal(before, state.Status);
                else
                    Assert.Equal((before, beforeAt), (state.Status, state.StatusAt));
            }
            // Whatever the delivery, the session ends where Didit's newest event put it.
            Assert.Equal(path[^1], state.Status);
            Assert.Equal(T0.AddSeconds(path.Length), state.StatusAt);
            Assert.Equal(state.History.Skip(1).Select(h => h.At).Order(), state.History.Skip(1).Select(h => h.At));
        }, iter: 2000);
    }

    [Fact]
    public void Each_event_is_applied_at_most_once()
    {
        var state = Started();

        Assert.Equal(EventOutcome.Applied, state.Apply(Event(SessionStatus.InProgress, 1, "evt-1")));
        Assert.Equal(EventOutcome.Duplicate, state.Apply(Event(SessionStatus.InProgress, 1, "evt-1")));
        Assert.Equal(2, state.History.Count);
    }

    [Fact]
    public void Without_an_event_id_status_and_time_identify_an_event()
    {
        var state = Started();
        var anonymous = new SessionEvent(null, SessionStatus.InProgress, T0.AddSeconds(1));

        state.Apply(anonymous);

        Assert.Equal(EventOutcome.Duplicate, state.Apply(anonymous with { }));
    }

    [Fact]
    public void An_older_event_never_overwrites_a_newer_status()
    {
        var state = Started();
        state.Apply(Event(SessionStatus.Approved, 10));

        Assert.Equal(EventOutcome.Stale, state.Apply(Event(SessionStatus.InProgress, 5)));
        Assert.Equal(SessionStatus.Approved, state.Status);
    }

    [Fact]
    public void A_status_the_lifecycle_does_not_lead_to_is_rejected()
    {
        var state = Started();
        state.Apply(Event(SessionStatus.Approved, 10));

        Assert.Equal(EventOutcome.Rejected, state.Apply(Event(SessionStatus.InProgress, 20)));
        Assert.Equal(EventOutcome.Rejected, state.Apply(Event(SessionStatus.NotStarted, 30)));
        Assert.Equal(SessionStatus.Approved, state.Status);
    }

    [Fact]
    public void A_reviewer_can_change_a_final_status()
    {
        var state = Started();
        state.Apply(Event(SessionStatus.InProgress, 1));
        state.Apply(Event(SessionStatus.Declined, 2));

        Assert.Equal(EventOutcome.Applied, state.Apply(Event(SessionStatus.Approved, 3600)));
        Assert.Equal(EventOutcome.Applied, state.Apply(Event(SessionStatus.KycExpired, 7200)));
        Assert.Equal(
            [SessionStatus.NotStarted, SessionStatus.InProgress, SessionStatus.Declined, SessionStatus.Approved, SessionStatus.KycExpired],
            state.History.Select(h => h.Status));
    }

    [Fact]
    public void An_expired_session_stays_expired()
    {
        var state = Started();
        state.Apply(new SessionEvent("local-expiry", SessionStatus.Expired, T0.AddMinutes(30)));

        Assert.Equal(EventOutcome.Rejected, state.Apply(Event(SessionStatus.Approved, 3600)));
    }

    [Fact]
    public void Scores_come_from_the_decision_of_the_event()
    {
        var state = Started();

        state.Apply(new SessionEvent("e", SessionStatus.Approved, T0.AddSeconds(5), LivenessScore: 96, FaceSimilarity: 91.5));

        Assert.Equal((96.0, 91.5), (state.LivenessScore, state.FaceSimilarity));
    }

    [Fact]
    public void Events_for_a_session_the_engine_has_not_heard_of_yet_are_kept_and_applied_when_it_has()
    {
        var state = new StepUpSessionState();
        state.Apply(Event(SessionStatus.InProgress, 1));
        state.Apply(Event(SessionStatus.Approved, 2));
        state.EnqueueCurrentStatus(hasCallback: true, T0);
        Assert.Empty(state.Outbox);

        state.Start(new StepUpSessionStart("d-1", "u-1", StepUpMethod.Passive, "http://x", T0, T0.AddMinutes(30)));
        state.EnqueueCurrentStatus(hasCallback: true, T0);

        Assert.Equal(SessionStatus.Approved, state.Status);
        Assert.Equal([SessionStatus.NotStarted, SessionStatus.InProgress, SessionStatus.Approved], state.History.Select(h => h.Status));
        Assert.Equal([OutboxKind.UserFeedback, OutboxKind.Callback], state.Outbox.Select(i => i.Kind));
    }

    [Fact]
    public void Only_a_verdict_is_fed_back_to_the_user_but_every_change_is_called_back()
    {
        var state = Started();

        state.Apply(Event(SessionStatus.InProgress, 1));
        state.EnqueueCurrentStatus(hasCallback: true, T0);
        state.Apply(Event(SessionStatus.Declined, 2));
        state.EnqueueCurrentStatus(hasCallback: true, T0);

        Assert.Equal(
            [(OutboxKind.Callback, SessionStatus.InProgress), (OutboxKind.UserFeedback, SessionStatus.Declined), (OutboxKind.Callback, SessionStatus.Declined)],
            state.Outbox.Select(i => (i.Kind, i.Status)));
        Assert.Equal(3, state.Outbox.Select(i => i.EventId).Distinct().Count());
    }

    [Fact]
    public void A_session_can_be_resumed_while_it_awaits_the_user_and_has_half_its_time_left()
    {
        var state = Started(); // 30 minutes from T0

        Assert.Equal(new StepUpInfo("s-1", "http://x", SessionStatus.NotStarted, T0.AddMinutes(30)), state.Resumable("s-1", T0));
        Assert.NotNull(state.Resumable("s-1", T0.AddMinutes(15)));
        Assert.Null(state.Resumable("s-1", T0.AddMinutes(15).AddSeconds(1))); // the user might not finish in time

        state.Apply(Event(SessionStatus.InProgress, 1));
        Assert.Equal(SessionStatus.InProgress, state.Resumable("s-1", T0.AddMinutes(1))?.Status);
        foreach (var ended in new[] { SessionStatus.Abandoned, SessionStatus.Approved })
        {
            var other = Started();
            other.Apply(Event(ended, 2));
            Assert.Null(other.Resumable("s-1", T0.AddMinutes(1)));
        }
    }

    [Fact]
    public void A_session_the_engine_did_not_open_is_not_resumed()
    {
        var state = new StepUpSessionState();
        state.Apply(Event(SessionStatus.InProgress, 1)); // a webhook before the start

        Assert.Null(state.Resumable("s-1", T0));
    }
}
