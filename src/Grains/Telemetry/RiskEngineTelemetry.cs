using System.Diagnostics;
using System.Diagnostics.Metrics;
using RiskEngine.Configuration;
using RiskEngine.StepUps;

namespace RiskEngine.Telemetry;

/// <summary>
/// The engine's own metrics and traces (meter and activity source <c>RiskEngine</c>). Tags carry tenants,
/// outcomes, reasons and statuses — never user ids, IP addresses or secrets.
/// </summary>
public static class RiskEngineTelemetry
{
    public const string Name = "RiskEngine";

    public static readonly Meter Meter = new(Name);

    /// <summary>Values of the <c>result</c> tag.</summary>
    public const string Ok = "ok", Unavailable = "unavailable", Deleted = "deleted", Delivered = "delivered", Retry = "retry", GivenUp = "given_up";

    /// <summary>Which limit held a new device's step-up back: the user's (policy) or the tenant's (its Didit budget).</summary>
    public const string UserLimit = "user", TenantLimit = "tenant";

    // Decisions take about a millisecond: the SDK's default buckets (0, 5, 10, 25, …) would hide that.
    private static readonly InstrumentAdvice<double> MillisecondBuckets =
        new() { HistogramBucketBoundaries = [0.25, 0.5, 1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000] };
    public static readonly ActivitySource Source = new(Name);

    public static readonly Counter<long> Decisions =
        Meter.CreateCounter<long>("riskengine.decisions", "{decision}", "Decisions answered, by tenant and outcome");

    public static readonly Counter<long> DecisionReasons =
        Meter.CreateCounter<long>("riskengine.decision.reasons", "{reason}", "Reasons given in decisions, by tenant and reason");

    public static readonly Histogram<double> DecisionDuration =
        Meter.CreateHistogram<double>("riskengine.decision.duration", "ms", "Time to decide (grain call), by outcome", advice: MillisecondBuckets);

    public static readonly Counter<long> StepUpStatusChanges =
        Meter.CreateCounter<long>("riskengine.stepup.status_changes", "{change}", "Step-up sessions reaching a status, by tenant, method and status");

    public static readonly Counter<long> WebhookRejections =
        Meter.CreateCounter<long>("riskengine.webhooks.rejected", "{webhook}", "Didit webhooks refused, by reason");

    public static readonly Counter<long> ProviderCalls =
        Meter.CreateCounter<long>("riskengine.provider.calls", "{call}", "Sessions asked of the identity provider, by result");

    public static readonly Histogram<double> ProviderDuration =
        Meter.CreateHistogram<double>("riskengine.provider.duration", "ms", "Time the identity provider took to open a session, retries included", advice: MillisecondBuckets);

    public static readonly Counter<long> StepUpsLimited =
        Meter.CreateCounter<long>("riskengine.stepups.limited", "{decision}", "Step-ups from new devices blocked, no session opened, by tenant and limit (user: the policy's new_device_step_up_limit; tenant: its NewDeviceSessionsPerMinute)");

    public static readonly Counter<long> ProviderDeletions =
        Meter.CreateCounter<long>("riskengine.provider.deletions", "{session}", "Sessions of deleted users deleted at the identity provider, by tenant and result (deleted, unavailable)");

    public static readonly Counter<long> RateLimited =
        Meter.CreateCounter<long>("riskengine.requests.rate_limited", "{request}", "Requests refused with 429 over their tenant's rate limit, by tenant");

    public static readonly Counter<long> Callbacks =
        Meter.CreateCounter<long>("riskengine.callbacks", "{attempt}", "Callback deliveries to platforms, by tenant and result (delivered, retry, given_up)");

    /// <summary>
    /// Adds zero to every label set of the grains' counters that README's alerts watch: Prometheus sees a series from
    /// its first scrape on, so without a zero the burst that creates one (the first callbacks given up) never counts
    /// as an increase. For hosts of grains (<see cref="CountersAtZero"/>).
    /// </summary>
    public static void StartGrainCountersAtZero(RiskEngineOptions options)
    {
        foreach (var result in (string[])[Ok, Unavailable]) ProviderCalls.Add(0, new KeyValuePair<string, object?>("result", result));
        foreach (var (id, tenant) in options.Tenants)
        {
            foreach (var method in Enum.GetValues<StepUpMethod>())
                foreach (var status in Enum.GetValues<SessionStatus>().Where(s => s != SessionStatus.NotStarted)) // a start is no change
                    CountStatusChange(0, id, method, status);
            foreach (var limit in (string[])[UserLimit, TenantLimit]) CountStepUpLimited(0, id, limit);
            if (tenant.CallbackUrl is not null)
                foreach (var result in (string[])[Delivered, Retry, GivenUp])
                    Callbacks.Add(0, new KeyValuePair<string, object?>("tenant", id), new KeyValuePair<string, object?>("result", result));
        }
    }

    public static void CountStepUpLimited(int count, string tenantId, string limit) =>
        StepUpsLimited.Add(count, new KeyValuePair<string, object?>("tenant", tenantId), new KeyValuePair<string, object?>("limit", limit));

    /// <summary>A session reaching a status, by tenant, method (<c>unknown</c> for a webhook ahead of its start) and status.</summary>
    public static void CountStatusChange(int count, string tenantId, StepUpMethod? method, SessionStatus status) =>
        StepUpStatusChanges.Add(count, new KeyValuePair<string, object?>("tenant", tenantId),
            new KeyValuePair<string, object?>("method", method is { } m ? JsonEnumNames<StepUpMethod>.Name(m) : "unknown"),
            new KeyValuePair<string, object?>("status", JsonEnumNames<SessionStatus>.Name(status)));

    public static void RecordDecision(string tenantId, DecisionResult result, double milliseconds)
    {
        var tenant = new KeyValuePair<string, object?>("tenant", tenantId);
        var outcome = new KeyValuePair<string, object?>("outcome", JsonEnumNames<Outcome>.Name(result.Outcome));
        Decisions.Add(1, tenant, outcome);
        DecisionDuration.Record(milliseconds, outcome);
        foreach (var reason in result.Reasons)
            DecisionReasons.Add(1, tenant, new KeyValuePair<string, object?>("reason", ReasonCodes.Name(reason)));
    }
}
