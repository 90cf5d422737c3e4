namespace RiskEngine.Configuration;

/// <summary>
/// Requests a tenant may make per second through one API process (<c>RiskEngine__RateLimit__…</c>, or a
/// tenant's own <c>RiskEngine__Tenants__{id}__RateLimit__…</c>). 0 turns the limit off.
/// </summary>
public sealed class RateLimitOptions
{
    public int RequestsPerSecond { get; set; } = 20_000;

    /// <summary>Requests allowed at once after a quiet spell; one second's worth when unset.</summary>
    public int? Burst { get; set; }
}
