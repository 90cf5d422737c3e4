namespace RiskEngine.Configuration;

/// <summary>One tenant: <c>RiskEngine__Tenants__{id}__…</c>.</summary>
public sealed class TenantOptions
{
    public List<ApiKeyOptions> ApiKeys { get; set; } = [];

    /// <summary>Where step-up status changes are POSTed, signed with <see cref="CallbackSecret"/>.</summary>
    public string? CallbackUrl { get; set; }

    public string? CallbackSecret { get; set; }

    public DiditOptions? Didit { get; set; }

    /// <summary>This tenant's own rate limit; the global <c>RiskEngine__RateLimit__…</c> when unset.</summary>
    public RateLimitOptions? RateLimit { get; set; }
}
