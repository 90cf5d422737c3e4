using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using RiskEngine.Api.Authentication;
using RiskEngine.Api.Errors;

namespace RiskEngine.Api.Limits;

/// <summary>
/// A token bucket per tenant, per API process: one tenant's flood answers 429 with Retry-After instead of
/// slowing every other tenant. Requests without a tenant (health, metrics, webhooks, sandbox pages) are not
/// counted; it runs after <see cref="ApiKeyMiddleware"/>, which names the tenant.
/// </summary>
public static class TenantRateLimiting
{
    public static IServiceCollection AddTenantRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RiskEngineOptions>>((limiter, engine) =>
        {
            var options = engine.Value;
            Func<string, RateLimiter> bucket = id => Bucket(options.RateLimitFor(id)); // made once per tenant
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.Features.Get<Tenant>() is { } tenant && options.RateLimitFor(tenant.Id).RequestsPerSecond > 0
                    ? RateLimitPartition.Get(tenant.Id, bucket)
                    : RateLimitPartition.GetNoLimiter(""));
            limiter.OnRejected = static (context, _) =>
            {
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 1;
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString();
                return new ValueTask(Problems.Status(StatusCodes.Status429TooManyRequests, "Too many requests",
                    $"This tenant's rate limit is reached; retry in {seconds} s.").ExecuteAsync(context.HttpContext));
            };
        });
        return services;
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
