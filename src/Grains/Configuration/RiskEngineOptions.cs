using RiskEngine.Geo;

namespace RiskEngine.Configuration;

/// <summary>The <c>RiskEngine</c> configuration section (environment: <c>RiskEngine__…</c>).</summary>
public sealed class RiskEngineOptions
{
    public const string Section = "RiskEngine";

    public EngineMode Mode { get; set; } = EngineMode.Embedded;

    /// <summary>Seeds tenant <c>dev</c> with this key (all scopes); a random one is made when unset.</summary>
    public string? DevApiKey { get; set; }

    /// <summary>This engine's external URL, for sandbox pages and links; derived from ASPNETCORE_URLS when unset.</summary>
    public string? PublicBaseUrl { get; set; }

    public ProviderKind Provider { get; set; } = ProviderKind.Sandbox;

    /// <summary>
    /// Prometheus metrics on this port of their own when set (a standalone silo has no other way to serve them); the API
    /// then serves them there instead of at its own <c>/metrics</c>.
    /// </summary>
    public int? PrometheusPort { get; set; }

    /// <summary>Defaults for every tenant; a tenant's own <c>Didit</c> section overrides them field by field.</summary>
    public DiditOptions Didit { get; set; } = new();

    public GeoIpOptions GeoIp { get; set; } = new();

    /// <summary>The rate limit of every tenant without its own.</summary>
    public RateLimitOptions RateLimit { get; set; } = new();

    public Dictionary<string, TenantOptions> Tenants { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// True when grain state outlives the process (Redis). Without it (embedded mode), writes that exist
    /// only for durability are pointless: the in-memory storage dies with the process exactly like the
    /// grain's own copy, so user grains write only when they deactivate.
    /// </summary>
    public bool DurableState { get; set; }

    /// <summary>
    /// With durable state: how long what a decision taught (last-seen times, velocity, amounts, newly known
    /// devices) may wait in memory before it is written, coalescing a busy user's decisions into one write.
    /// </summary>
    public TimeSpan DeferredWriteDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A step-up session without a final status by then is <c>Expired</c>.</summary>
    public TimeSpan StepUpSessionTtl { get; set; } = TimeSpan.FromMinutes(30);

    public RateLimitOptions RateLimitFor(string tenantId) =>
        Tenants.TryGetValue(tenantId, out var tenant) && tenant.RateLimit is { } own ? own : RateLimit;

    /// <summary>The Didit settings for a tenant: its own where it has them, the global ones otherwise.</summary>
    public DiditOptions DiditFor(string tenantId) =>
        Tenants.TryGetValue(tenantId, out var tenant) && tenant.Didit is { } own ? own.Over(Didit) : Didit;
}
