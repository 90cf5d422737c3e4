using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RiskEngine.Configuration;
using RiskEngine.Telemetry;
using RiskEngine.Users;

namespace RiskEngine.StepUps;

/// <summary>
/// One step-up session. Webhook events are applied at most once and persisted before Didit gets its 200.
/// What others must hear of a status change waits in the persisted outbox, delivered by a timer right
/// after, and retried with backoff. A reminder, armed when the session opens, first fires when the
/// session's TTL ends (expiring it if no final status came), then every <see cref="BackstopPeriod"/> as a
/// backstop: it wakes the session after a restart or an idle collection to finish deliveries. It goes as
/// soon as the session is finished and has delivered everything, so finished sessions are not woken. Sessions
/// are busy only around their few webhooks: the user's grain opens one without activating it (its first state
/// and reminder are stored by <see cref="SessionOpener"/>), so it first wakes for a webhook, a status read or the
/// reminder, and is collected after two idle minutes; the user's grain erases those it no longer keeps the same way
/// (<see cref="SessionEraser"/>). Kept in memory until collected, the sessions users never
/// finish were a third of the heap under load, and most of what each garbage collection had to copy. Webhooks for
/// a session the engine never started are kept one TTL, then erased by the same reminder; if the engine does
/// start it after all, <see cref="IStepUpSessionGrain.StartAsync"/> merges the start into them.
/// </summary>
[CollectionAgeLimit(Minutes = 2)]
internal sealed partial class StepUpSessionGrain(
    [PersistentState(StepUpSessionGrain.StateName)] IPersistentState<StepUpSessionState> session,
    CallbackSender callbacks,
    SessionReminders reminders,
    GrainReferenceCache grains,
    IOptions<RiskEngineOptions> options,
    [FromKeyedServices(Clock.Key)] TimeProvider time,
    ILogger<StepUpSessionGrain> logger) : Grain, IStepUpSessionGrain, IRemindable
{
    public const string StateName = "session";
    public const string TickReminder = "tick";
    public static readonly TimeSpan BackstopPeriod = TimeSpan.FromMinutes(10);

    /// <summary>Deliveries are retried with doubling delays up to this cap, for at most <see cref="GiveUpAfter"/>.</summary>
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromHours(24);

    private string _tenantId = "";
    private string _sessionId = "";
    private IGrainTimer? _delivery;

    private StepUpSessionState State => session.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_tenantId, _sessionId) = GrainKeys.Split(this.GetPrimaryKeyString());
        if (State.Outbox.Count > 0) ScheduleDelivery();
        return Task.CompletedTask;
    }

    async Task IStepUpSessionGrain.StartAsync(StepUpSessionStart start)
    {
        await this.PersistAsync(() => session.UpdateAsync((start, callbacks.IsConfigured(_tenantId), time.GetUtcNow()), static (s, a) =>
        {
            s.Start(a.start);
            s.EnqueueCurrentStatus(a.Item2, a.Item3); // events that arrived before the engine heard back from Didit
        }));
        await reminders.ArmAsync(this.GetGrainId(), start.ExpiresAt - start.CreatedAt);
        if (State.Outbox.Count > 0) ScheduleDelivery();
    }

    Task IStepUpSessionGrain.ForgetAsync() => EraseAsync();

    private async Task EraseAsync()
    {
        _delivery?.Dispose();
        _delivery = null;
        await reminders.DropAsync(this.GetGrainId());
        await session.ClearAsync();
        DeactivateOnIdle();
    }

    async Task<EventOutcome> IStepUpSessionGrain.ApplyAsync(SessionEvent sessionEvent)
    {
        var outcome = await ApplyToStateAsync(sessionEvent);
        if (!Stores(outcome)) return outcome;
        // After a write conflict (a failover) the event is applied to what the other activation wrote, once: a second
        // conflict in a row fails the call (503; Orleans deactivates this activation) and Didit retries.
        await this.PersistAsync(() => session.WriteAsync(sessionEvent, async (_, e) => Stores(outcome = await ApplyToStateAsync(e))));
        if (!Stores(outcome)) return outcome;
        // Counted once stored, not per attempt. By method too, so risk teams can weigh each method's friction
        // (abandoned, expired) against its declines.
        if (outcome == EventOutcome.Applied) RiskEngineTelemetry.CountStatusChange(1, _tenantId, State.Method, sessionEvent.Status);
        if (State.Outbox.Count > 0) ScheduleDelivery();
        else await DisarmIfDoneAsync();
        // A webhook for a session the engine never started (it came before the start, or after the session was
        // erased with its user): unless a start follows, it is erased one TTL after its last event.
        if (!State.Known) await reminders.ArmAsync(this.GetGrainId(), options.Value.StepUpSessionTtl);
        return outcome;

        static bool Stores(EventOutcome outcome) => outcome is EventOutcome.Applied or EventOutcome.Unchanged;
    }

    private async Task<EventOutcome> ApplyToStateAsync(SessionEvent sessionEvent)
    {
        var outcome = State.Apply(sessionEvent);
        if (outcome != EventOutcome.Applied) return outcome;
        State.EnqueueCurrentStatus(callbacks.IsConfigured(_tenantId), time.GetUtcNow());
        // The user's history learns of a verdict before Didit is acknowledged, so the platform's next decision
        // already sees it. It is idempotent: if persisting fails below, Didit retries and nothing is counted twice.
        foreach (var feedback in State.Outbox.Where(i => i.Kind == OutboxKind.UserFeedback).ToList())
            if (await TryDeliverAsync(feedback) is null) State.Outbox.Remove(feedback);
        return outcome;
    }

    async Task<StepUpSessionView?> IStepUpSessionGrain.GetAsync()
    {
        await CatchUpIfUnknownAsync();
        return State.IsEmpty ? null : View();
    }

    /// <summary>
    /// An activation that found nothing stored may since have been opened on its behalf (<see cref="SessionOpener"/>
    /// writes without waking it): a read or a reminder re-reads before taking it for unknown. Webhooks need not, as
    /// their write fails on the ETag and re-reads.
    /// </summary>
    private async Task CatchUpIfUnknownAsync()
    {
        if (!State.Known) await session.ReadStateAsync();
    }

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        await CatchUpIfUnknownAsync();
        if (!State.Known)
        {
            await EraseAsync();
            return;
        }
        if (SessionLifecycle.AwaitsUser(State.Status) && time.GetUtcNow() >= State.ExpiresAt)
        {
            // The engine's own verdict: the user never finished in time.
            await ((IStepUpSessionGrain)this).ApplyAsync(new SessionEvent("local-expiry", SessionStatus.Expired, State.ExpiresAt!.Value));
        }
        await DeliverAsync();
    }

    /// <summary>
    /// A started session with a final status and nothing left to deliver will not change by itself again (a
    /// reviewer's later verdict comes as a webhook): its reminder goes, so it is not woken at its expiry time.
    /// </summary>
    private async Task DisarmIfDoneAsync()
    {
        if (!State.Known || SessionLifecycle.AwaitsUser(State.Status) || State.Outbox.Count > 0) return;
        await reminders.DropAsync(this.GetGrainId());
    }

    private void ScheduleDelivery()
    {
        var due = State.Outbox.Min(i => i.NextAttemptAt) - time.GetUtcNow();
        _delivery?.Dispose();
        _delivery = this.RegisterGrainTimer(DeliverAsync, new GrainTimerCreationOptions
        {
            DueTime = due > TimeSpan.Zero ? due : TimeSpan.Zero,
            Period = Timeout.InfiniteTimeSpan,
        });
    }

    /// <summary>Delivers what is due, once each, then persists what is left and when to try it again.</summary>
    private async Task DeliverAsync()
    {
        var now = time.GetUtcNow();
        var due = State.Outbox.Where(i => i.NextAttemptAt <= now).ToList();
        if (due.Count == 0)
        {
            if (State.Outbox.Count > 0) ScheduleDelivery();
            else await DisarmIfDoneAsync();
            return;
        }

        var done = new HashSet<string>();
        var retry = new Dictionary<string, (DateTimeOffset Next, string Error)>();
        foreach (var item in due)
        {
            string result;
            if (await TryDeliverAsync(item) is not { } error)
            {
                done.Add(item.EventId);
                result = RiskEngineTelemetry.Delivered;
            }
            else if (now - item.CreatedAt < GiveUpAfter)
            {
                retry[item.EventId] = (now + Backoff(item.Attempts + 1), error);
                result = RiskEngineTelemetry.Retry;
            }
            else
            {
                LogGaveUp(logger, _tenantId, item.EventId, item.Kind, item.Attempts + 1);
                done.Add(item.EventId);
                result = RiskEngineTelemetry.GivenUp;
            }
            if (item.Kind == OutboxKind.Callback)
                RiskEngineTelemetry.Callbacks.Add(1, new KeyValuePair<string, object?>("tenant", _tenantId), new KeyValuePair<string, object?>("result", result));
        }

        // By event id, so that after a write conflict the same results apply to the re-read outbox.
        await this.PersistAsync(() => session.UpdateAsync((done, retry), static (s, r) =>
        {
            s.Outbox.RemoveAll(i => r.done.Contains(i.EventId));
            foreach (var item in s.Outbox)
            {
                if (!r.retry.TryGetValue(item.EventId, out var next)) continue;
                item.Attempts++;
                (item.NextAttemptAt, item.LastError) = next;
            }
        }));
        if (State.Outbox.Count > 0) ScheduleDelivery();
        else await DisarmIfDoneAsync();
    }

    /// <summary>One attempt; null once delivered, else why not.</summary>
    private async Task<string?> TryDeliverAsync(OutboxItem item)
    {
        if (item.Kind == OutboxKind.Callback)
        {
            using var activity = RiskEngineTelemetry.Source.StartActivity("riskengine.callback");
            activity?.SetTag("riskengine.tenant", _tenantId);
            activity?.SetTag("riskengine.event_id", item.EventId);
            return await callbacks.SendAsync(_tenantId, new StepUpCallback(item.EventId, StepUpCallback.StatusChanged, item.CreatedAt,
                new StepUpCallbackData(_sessionId, State.DecisionId, State.UserId, State.Method, item.Status)));
        }
        try
        {
            await grains.Get<IUserRiskGrain>(GrainKeys.For(_tenantId, State.UserId!)).ApplyStepUpAsync(_sessionId, item.Status, item.At);
            return null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogFeedbackFailed(logger, _tenantId, item.EventId, e.GetType().Name);
            return e.GetType().Name;
        }
    }

    /// <summary>1 s, 2 s, 4 s … up to 10 minutes, with ±20 % jitter so retries from many sessions spread out.</summary>
    private static TimeSpan Backoff(int attempts)
    {
        var seconds = Math.Min(Math.Pow(2, attempts - 1), MaxBackoff.TotalSeconds);
        return TimeSpan.FromSeconds(seconds * (0.8 + 0.4 * Random.Shared.NextDouble()));
    }

    private StepUpSessionView View() => new(_sessionId, State.DecisionId, State.UserId, State.Method, State.Status,
        [.. State.History], State.LivenessScore, State.FaceSimilarity, State.ExpiresAt,
        [.. State.Outbox.Where(i => i.Kind == OutboxKind.Callback).Select(i => new PendingCallback(i.EventId, i.Status, i.Attempts, i.NextAttemptAt, i.LastError))]);

    [LoggerMessage(Level = LogLevel.Error, Message = "Gave up delivering {Kind} {EventId} for tenant {TenantId} after {Attempts} attempts over 24 h")]
    private static partial void LogGaveUp(ILogger logger, string tenantId, string eventId, OutboxKind kind, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Step-up feedback {EventId} for tenant {TenantId} failed ({Error}); will retry")]
    private static partial void LogFeedbackFailed(ILogger logger, string tenantId, string eventId, string error);
}
