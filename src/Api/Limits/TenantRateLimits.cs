using System.Collections.Frozen;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace RiskEngine.Api.Limits;

/// <summary>
/// A token bucket per tenant, per API process, made at start for every configured tenant with a limit.
/// Taking a token is a lookup and a short lock, with nothing allocated: it runs on every /v1 request.
/// </summary>
public sealed class TenantRateLimits : IDisposable
{
    private readonly FrozenDictionary<string, TokenBucketRateLimiter> _buckets;

    public TenantRateLimits(IOptions<RiskEngineOptions> options) =>
        _buckets = options.Value.Tenants.Keys
            .Select(id => (Id: id, Limit: options.Value.RateLimitFor(id)))
            .Where(t => t.Limit.RequestsPerSecond > 0)
            .ToFrozenDictionary(t => t.Id, t => Bucket(t.Limit), StringComparer.Ordinal);

    /// <summary>Takes one of the tenant's tokens; when there is none, says how long until there is.</summary>
    public bool TryAcquire(string tenantId, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (!_buckets.TryGetValue(tenantId, out var bucket)) return true;
        using var lease = bucket.AttemptAcquire();
        if (lease.IsAcquired) return true;
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
        return false;
    }

    public void Dispose()
    {
        foreach (var bucket in _buckets.Values) bucket.Dispose();
    }

    private static TokenBucketRateLimiter Bucket(RateLimitOptions limit)
    {
        var rate = limit.RequestsPerSecond;
        // Refilled ten times a second when that divides evenly, so a burst drains smoothly; otherwise once a second.
        var (tokens, period) = rate % 10 == 0 ? (rate / 10, TimeSpan.FromMilliseconds(100)) : (rate, TimeSpan.FromSeconds(1));
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = limit.Burst ?? rate,
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }
}
