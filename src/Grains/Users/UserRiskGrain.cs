using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RiskEngine.Configuration;
using Orleans.Storage;
using RiskEngine.Geo;
using RiskEngine.Telemetry;

namespace RiskEngine.Users;

/// <summary>
/// One user of one tenant. A decision reads in four hops: load history (activation), measure the
/// request against it and evaluate with the tenant's policy (pure), open a step-up when needed (or send the user
/// back to the one still awaiting them, or block one new device too many for the user or the tenant), then learn and save. Calls for one user are serialised by Orleans, so
/// history is never raced.
/// <para>
/// With durable state (Redis), durable before the answer: the idempotent answer, and whatever changed the
/// user's known world (a device, network, country or ASN learned, a transfer counted, a step-up pending).
/// Last-seen times and the velocity clock of an otherwise unchanged history are written at most
/// <see cref="RiskEngineOptions.DeferredWriteDelay"/> later, coalescing a busy user's decisions into one
/// write; a crash loses at most that. In embedded mode nothing outlives the process, so the grain writes
/// only when it deactivates.
/// </para>
/// </summary>
internal sealed partial class UserRiskGrain(
    [PersistentState("profile")] IPersistentState<UserProfile> profile,
    [PersistentState("idempotency")] IPersistentState<IdempotencyLog> idempotency,
    GeoIpLookup geoIp,
    PolicyCache policies,
    DecisionSampler sampler,
    SpilledAnswers spilled,
    SessionOpener sessions,
    SessionEraser erasure,
    IStepUpProvider provider,
    GrainReferenceCache grains,
    IOptions<RiskEngineOptions> options,
    [FromKeyedServices(Clock.Key)] TimeProvider time,
    ILogger<UserRiskGrain> logger) : Grain, IUserRiskGrain
{
    private const int ProviderDeletionBatch = 8;

    private string _tenantId = "";
    private string _userId = "";
    private IGrainTimer? _flush;
    private bool _dirty;
    private bool _idempotencyDirty;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_tenantId, _userId) = GrainKeys.Split(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    async ValueTask<DecisionResult> IUserRiskGrain.DecideAsync(DecisionRequest request)
    {
        var now = time.GetUtcNow();
        var fingerprint = 0UL;
        if (request.IdempotencyKey is { } key)
        {
            fingerprint = IdempotencyLog.Fingerprint(request);
            if (idempotency.State.Find(key, fingerprint, now.UtcDateTime) is { } earlier) return earlier;
            if (idempotency.State.MayHaveSpilled(now.UtcDateTime) && await spilled.FindAsync(_tenantId, _userId, key, idempotency.State, now.UtcDateTime) is { } record
                && IdempotencyLog.Answer(record, fingerprint, now.UtcDateTime) is { } kept) return kept;
        }

        var policy = await PolicyAsync();
        var observation = Observation.From(request, geoIp.Lookup(request.Ip));
        var facts = profile.State.Measure(in observation);
        var evaluation = RiskEvaluator.Evaluate(in facts, policy);
        var id = Uuid.Version7(now);
        sampler.Record(_tenantId, id, now, in facts);
        var decisionId = id.ToString("N");

        StepUpInfo? stepUp = null;
        string? opened = null;
        if (evaluation.Outcome == Outcome.StepUp)
        {
            if (request.PortraitImage is null // a portrait is matched only by a session opened with it
                && await ResumeStepUpAsync(observation, evaluation.Method!.Value, now) is { } resumed)
                (evaluation, stepUp) = (evaluation with { Method = resumed.Method }, resumed.StepUp);
            else if (profile.State.NewDeviceStepUpLimitReached(in observation, policy.Thresholds))
                evaluation = Limited(evaluation, RiskEngineTelemetry.UserLimit);
            else if (!profile.State.Devices.Contains(observation.Device) && !await grains.Get<INewDeviceSessionBudgetGrain>(_tenantId).TryTakeAsync())
                evaluation = Limited(evaluation, RiskEngineTelemetry.TenantLimit);
            else
            {
                (evaluation, stepUp) = await StartStepUpAsync(request, evaluation, decisionId, policy, now);
                opened = stepUp?.SessionId;
            }
        }

        // What changed the user's known world is durable before the answer; touches wait for the next flush.
        if (profile.State.Record(in observation, in evaluation, opened) && options.Value.DurableState)
            await WriteLearnedAsync(observation, evaluation, opened);
        else
            ScheduleFlush();
        if (profile.State.Sessions.Count > HistoryLimits.Sessions) await EraseOldestSessionAsync();

        var result = new DecisionResult(decisionId, evaluation.Outcome, evaluation.Method, evaluation.Score,
            evaluation.Reasons, policy.Version, stepUp);
        if (request.IdempotencyKey is { } newKey) await RememberAsync(newKey, fingerprint, result, now.UtcDateTime);
        return result;
    }

    /// <summary>A step-up from a device the user is not known on, held back by <paramref name="limit"/>: a block, no session.</summary>
    private Evaluation Limited(in Evaluation evaluation, string limit)
    {
        RiskEngineTelemetry.CountStepUpLimited(1, _tenantId, limit);
        return evaluation with { Outcome = Outcome.Block, Method = null, Reasons = evaluation.Reasons.With(Reason.Velocity) };
    }

    /// <summary>
    /// Stores what the decision learned; after a write conflict (a failover) the other activation's history is re-read
    /// and the same is learned again. A method of its own so that only this path allocates the write's closure.
    /// </summary>
    private async Task WriteLearnedAsync(Observation observation, Evaluation evaluation, string? sessionId)
    {
        await this.PersistAsync(() => profile.WriteAsync((observation, evaluation, sessionId),
            static (p, d) => p.Record(in d.observation, in d.evaluation, d.sessionId)));
        Saved();
    }

    /// <summary>
    /// Keeps the answer for the key's 24 h. An answer the log pushes out to make room is kept on its own (storage)
    /// first, so a key has its answer for its whole 24 h however many keyed decisions the user makes. After a
    /// write conflict (a failover) the other activation's log is re-read and the same is done to it, once.
    /// </summary>
    private async Task RememberAsync(string key, ulong fingerprint, DecisionResult result, DateTime now)
    {
        var entry = (Grain: this, Key: key, Fingerprint: fingerprint, Result: result, Now: now);
        await AddAsync(idempotency.State, entry);
        if (!options.Value.DurableState)
        {
            _idempotencyDirty = true;
            return;
        }
        await this.PersistAsync(() => idempotency.WriteAsync(entry, AddAsync));

        static async Task<bool> AddAsync(IdempotencyLog log, (UserRiskGrain Grain, string Key, ulong Fingerprint, DecisionResult Result, DateTime Now) e)
        {
            if (log.MakeRoom(e.Key, e.Now) is { } leaving) await e.Grain.KeepSpilledAsync(log, leaving);
            log.Add(e.Key, e.Fingerprint, e.Result, e.Now);
            return true;
        }
    }

    async Task IUserRiskGrain.ApplyStepUpAsync(string sessionId, SessionStatus status, DateTimeOffset at)
    {
        var policy = await PolicyAsync();
        await SaveAsync((sessionId, status, at.UtcDateTime, policy.Thresholds),
            static (p, a) => p.ApplyStepUp(a.sessionId, a.status, a.Item3, a.Thresholds));
    }

    async Task IUserRiskGrain.UnlockAsync(string unlockedBy)
    {
        if (await SaveAsync((At: time.GetUtcNow().UtcDateTime, By: unlockedBy), static (p, a) => p.Unlock(a.At, a.By)))
            LogUnlocked(logger, _tenantId, unlockedBy);
    }

    async Task<UserView?> IUserRiskGrain.GetAsync()
    {
        var policy = await PolicyAsync();
        return profile.State.View() is { } view
            ? view with { NewDevicesHeldUntil = profile.State.NewDeviceStepUpsHeldUntil(time.GetUtcNow().UtcDateTime, policy.Thresholds) }
            : null;
    }

    async Task IUserRiskGrain.ForgetAsync(string forgottenBy)
    {
        try
        {
            // The provider first: if it cannot delete now, nothing here is deleted yet, so the caller's retry still
            // knows every session to delete there. Those the provider finds too: the user's older sessions, which
            // this grain no longer keeps. A few at a time: a burst of dozens could trip Didit's rate limit and, with
            // it, the circuit breaker that new step-ups share.
            var atProvider = await provider.FindUserSessionsAsync(_tenantId, _userId, CancellationToken.None);
            var kept = profile.State.Sessions.Select(s => s.ToString()).ToList();
            var atProviderAndKept = kept.Union(atProvider).ToList();
            foreach (var batch in atProviderAndKept.Chunk(ProviderDeletionBatch))
                await Task.WhenAll(batch.Select(DeleteAtProviderAsync));
            await Task.WhenAll(kept.Select(id => Session(id).ForgetAsync()));
            Saved();
            _idempotencyDirty = false;
            await profile.ClearAsync();
            await idempotency.ClearAsync();
            LogForgotten(logger, _tenantId, forgottenBy, atProviderAndKept.Count);
        }
        finally
        {
            DeactivateOnIdle(); // whatever else this activation holds in memory goes too
        }
    }

    private async Task DeleteAtProviderAsync(string sessionId)
    {
        var result = RiskEngineTelemetry.Unavailable;
        try
        {
            await provider.DeleteSessionAsync(_tenantId, sessionId, CancellationToken.None);
            result = RiskEngineTelemetry.Deleted;
        }
        finally
        {
            RiskEngineTelemetry.ProviderDeletions.Add(1, new KeyValuePair<string, object?>("tenant", _tenantId),
                new KeyValuePair<string, object?>("result", result));
        }
    }

    /// <summary>
    /// Keeps the user's stored sessions bounded, without waking the session's grain (<see cref="SessionEraser"/>; forgetting
    /// the user wakes each, so that none stays readable). A session leaves the list only once erased, so forgetting the
    /// user can always reach all of them; if erasing fails now, the next step-up tries again.
    /// </summary>
    private async Task EraseOldestSessionAsync()
    {
        var oldest = profile.State.Sessions[0];
        try
        {
            await erasure.EraseAsync(_tenantId, oldest.ToString());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return;
        }
        await SaveAsync(oldest, static (p, id) => p.Sessions.Remove(id));
    }

    private Task KeepSpilledAsync(IdempotencyLog log, IdempotencyRecord record) => spilled.KeepAsync(_tenantId, log, record);

    private IStepUpSessionGrain Session(string sessionId) => grains.Get<IStepUpSessionGrain>(GrainKeys.For(_tenantId, sessionId));

    /// <summary>The tenant's policy from this silo's cache; the policy grain only when the cache has none.</summary>
    private async ValueTask<Policy> PolicyAsync()
    {
        if (policies.TryGet(_tenantId, out var policy)) return policy;
        policy = await grains.Get<IPolicyGrain>(_tenantId).GetAsync();
        policies.Set(_tenantId, policy);
        return policy;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // In embedded mode a shutting-down silo takes its in-memory storage with it: nothing to save to.
        if (!options.Value.DurableState && reason.ReasonCode == DeactivationReasonCode.ShuttingDown) return;
        if (_dirty) await FlushAsync();
        if (_idempotencyDirty) await idempotency.WriteStateAsync();
    }

    /// <summary>
    /// Applies a change that must be durable before the caller hears back, with any deferred changes; a change
    /// that reports it changed nothing is not written. In embedded mode it waits for deactivation like the rest.
    /// Returns whether it changed anything.
    /// </summary>
    private async Task<bool> SaveAsync<TArg>(TArg arg, Func<UserProfile, TArg, bool> change)
    {
        if (!options.Value.DurableState)
        {
            var changed = change(profile.State, arg);
            if (changed) ScheduleFlush();
            return changed;
        }
        var written = false;
        await this.PersistAsync(async () => written = await profile.UpdateAsync((arg, change), static (p, x) =>
        {
            var changed = x.change(p, x.arg);
            return (changed, changed);
        }));
        if (written) Saved();
        return written;
    }

    private void Saved()
    {
        _dirty = false;
        _flush?.Dispose();
        _flush = null;
    }

    private void ScheduleFlush()
    {
        _dirty = true;
        if (options.Value.DurableState)
            _flush ??= this.RegisterGrainTimer(FlushAsync,
                new GrainTimerCreationOptions { DueTime = options.Value.DeferredWriteDelay, Period = Timeout.InfiniteTimeSpan });
    }

    /// <summary>
    /// Writes deferred touches. After a write conflict (a failover) the other activation's history wins over
    /// them; when storage is down they stay pending and are tried again after the next delay.
    /// </summary>
    private async Task FlushAsync()
    {
        Saved();
        try
        {
            await profile.WriteStateAsync();
        }
        catch (InconsistentStateException)
        {
            await profile.ReadStateAsync();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            ScheduleFlush();
        }
    }

    /// <summary>
    /// The session a repeated request is sent back to, if one from the same device and network still awaits the user
    /// (<see cref="UserProfile.Unanswered"/>, <see cref="StepUpSessionState.Resumable"/>). A double submit, a retry
    /// without an idempotency key or a user trying again would otherwise open a session at Didit each time: each one
    /// billed, each counted against the rate limit of the key that all the tenant's new step-ups share, and each one
    /// more link for the user.
    /// </summary>
    private async ValueTask<(StepUpInfo StepUp, StepUpMethod Method)?> ResumeStepUpAsync(Observation observation, StepUpMethod method, DateTimeOffset now)
    {
        if (profile.State.Unanswered(in observation, method) is not { } pending) return null;
        return await sessions.ResumableAsync(_tenantId, pending.Session.ToString(), now) is { } stepUp ? (stepUp, pending.Method) : null;
    }

    private async Task<(Evaluation, StepUpInfo?)> StartStepUpAsync(
        DecisionRequest request, Evaluation evaluation, string decisionId, Policy policy, DateTimeOffset now)
    {
        var method = evaluation.Method!.Value;
        ProviderSession session;
        var started = Stopwatch.GetTimestamp();
        using var activity = RiskEngineTelemetry.Source.StartActivity("riskengine.provider.create_session");
        activity?.SetTag("riskengine.tenant", _tenantId);
        activity?.SetTag("riskengine.method", JsonEnumNames<StepUpMethod>.Name(method));
        try
        {
            session = await provider.CreateSessionAsync(
                new ProviderSessionRequest(_tenantId, _userId, decisionId, method, ProviderSessionRequest.ReasonFor(request.Action),
                    request.Amount, request.PortraitImage),
                CancellationToken.None);
            RiskEngineTelemetry.ProviderCalls.Add(1, new KeyValuePair<string, object?>("result", RiskEngineTelemetry.Ok));
        }
        catch (StepUpProviderUnavailableException)
        {
            RiskEngineTelemetry.ProviderCalls.Add(1, new KeyValuePair<string, object?>("result", RiskEngineTelemetry.Unavailable));
            var fallback = policy.OnProviderUnavailable.For(method);
            return (evaluation with { Outcome = fallback, Method = null, Reasons = evaluation.Reasons.With(Reason.ProviderUnavailable) }, null);
        }
        finally
        {
            RiskEngineTelemetry.ProviderDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        var expiresAt = now + options.Value.StepUpSessionTtl;
        await sessions.OpenAsync(_tenantId, session.SessionId, new StepUpSessionStart(decisionId, _userId, method, session.Url, now, expiresAt));
        return (evaluation, new StepUpInfo(session.SessionId, session.Url, SessionStatus.NotStarted, expiresAt));
    }

    // Operators' acts on a user, for the tenant's audit: rare, so at Information. Like every log line, without the user's
    // id: the unlock is kept with the user (their view), and a deleted user leaves nothing to name them by.
    [LoggerMessage(Level = LogLevel.Information, Message = "A user of tenant {TenantId} unlocked by {UnlockedBy}")]
    private static partial void LogUnlocked(ILogger logger, string tenantId, string unlockedBy);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "A user of tenant {TenantId} forgotten by {ForgottenBy}: {Sessions} step-up sessions deleted at the identity provider, everything stored here erased")]
    private static partial void LogForgotten(ILogger logger, string tenantId, string forgottenBy, int sessions);
}
