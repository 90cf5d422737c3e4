using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RiskEngine.Configuration;
using RiskEngine.Geo;

namespace RiskEngine.Users;

/// <summary>
/// One user of one tenant. A decision reads in four hops: load history (activation), measure the
/// request against it and evaluate with the tenant's policy (pure), open a step-up when needed, then
/// learn and save. Calls for one user are serialised by Orleans, so history is never raced.
/// </summary>
internal sealed class UserRiskGrain(
    [PersistentState("profile")] IPersistentState<UserProfile> profile,
    [PersistentState("idempotency")] IPersistentState<IdempotencyLog> idempotency,
    GeoIpLookup geoIp,
    IStepUpProvider provider,
    IOptions<RiskEngineOptions> options,
    [FromKeyedServices(Clock.Key)] TimeProvider time) : Grain, IUserRiskGrain
{
    private string _tenantId = "";
    private string _userId = "";

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_tenantId, _userId) = GrainKeys.Split(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    async Task<DecisionResult> IUserRiskGrain.DecideAsync(DecisionRequest request)
    {
        var now = time.GetUtcNow();
        var fingerprint = 0UL;
        if (request.IdempotencyKey is { } key)
        {
            fingerprint = IdempotencyLog.Fingerprint(request);
            if (idempotency.State.Find(key, fingerprint, now.UtcDateTime) is { } earlier) return earlier;
        }

        var policy = await GrainFactory.GetGrain<IPolicyGrain>(_tenantId).GetAsync();
        var observation = Observation.From(request, geoIp.Lookup(request.Ip));
        var facts = profile.State.Measure(in observation);
        var evaluation = RiskEvaluator.Evaluate(in facts, policy);
        var decisionId = Guid.CreateVersion7(now).ToString("N");

        StepUpInfo? stepUp = null;
        if (evaluation.Outcome == Outcome.StepUp)
            (evaluation, stepUp) = await StartStepUpAsync(request, evaluation, decisionId, policy, now);

        await profile.UpdateAsync((observation, evaluation, stepUp?.SessionId),
            static (p, d) => p.Record(in d.observation, in d.evaluation, d.Item3));

        var result = new DecisionResult(decisionId, evaluation.Outcome, evaluation.Method, evaluation.Score,
            evaluation.Reasons, policy.Version, stepUp);
        if (request.IdempotencyKey is { } newKey)
            await idempotency.UpdateAsync((newKey, fingerprint, result, now.UtcDateTime),
                static (log, r) => log.Add(r.newKey, r.fingerprint, r.result, r.Item4));
        return result;
    }

    async Task IUserRiskGrain.ApplyStepUpAsync(string sessionId, SessionStatus status, DateTimeOffset at)
    {
        var policy = await GrainFactory.GetGrain<IPolicyGrain>(_tenantId).GetAsync();
        await profile.UpdateAsync((sessionId, status, at.UtcDateTime, policy.Thresholds),
            static (p, a) => (0, p.ApplyStepUp(a.sessionId, a.status, a.Item3, a.Thresholds)));
    }

    Task IUserRiskGrain.UnlockAsync() => profile.UpdateAsync(0, static (p, _) => p.Unlock());

    private async Task<(Evaluation, StepUpInfo?)> StartStepUpAsync(
        DecisionRequest request, Evaluation evaluation, string decisionId, Policy policy, DateTimeOffset now)
    {
        var method = evaluation.Method!.Value;
        ProviderSession session;
        try
        {
            session = await provider.CreateSessionAsync(
                new ProviderSessionRequest(_tenantId, _userId, decisionId, method, ProviderSessionRequest.ReasonFor(request.Action),
                    request.Amount, request.PortraitImage),
                CancellationToken.None);
        }
        catch (StepUpProviderUnavailableException)
        {
            var fallback = policy.OnProviderUnavailable.For(method);
            return (evaluation with { Outcome = fallback, Method = null, Reasons = evaluation.Reasons.With(Reason.ProviderUnavailable) }, null);
        }

        var expiresAt = now + options.Value.StepUpSessionTtl;
        await GrainFactory.GetGrain<IStepUpSessionGrain>(GrainKeys.For(_tenantId, session.SessionId))
            .StartAsync(new StepUpSessionStart(decisionId, _userId, method, session.Url, now, expiresAt));
        return (evaluation, new StepUpInfo(session.SessionId, session.Url, SessionStatus.NotStarted, expiresAt));
    }
}
