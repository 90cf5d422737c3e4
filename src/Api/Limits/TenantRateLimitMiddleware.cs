using System.Globalization;
using RiskEngine.Api.Authentication;
using RiskEngine.Api.Errors;
using RiskEngine.Telemetry;

namespace RiskEngine.Api.Limits;

/// <summary>
/// One tenant's flood answers 429 with Retry-After instead of slowing every other tenant. Requests without a
/// tenant (health, metrics, webhooks, sandbox pages) are not counted; it runs after <see cref="ApiKeyMiddleware"/>,
/// which names the tenant, so an unknown key or a missing scope spends nothing. Not ASP.NET's rate-limiting
/// middleware: that one allocates an async frame, a closure and a lease per request on the decision path.
/// </summary>
public sealed class TenantRateLimitMiddleware(RequestDelegate next, TenantRateLimits limits)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<Tenant>() is not { } tenant || limits.TryAcquire(tenant.Id, out var after)) return next(context);

        var seconds = Math.Max(1, (int)Math.Ceiling(after.TotalSeconds));
        RiskEngineTelemetry.RateLimited.Add(1, new KeyValuePair<string, object?>("tenant", tenant.Id));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Problems.Status(StatusCodes.Status429TooManyRequests, "Too many requests",
            $"This tenant's rate limit is reached; retry in {seconds} s.").ExecuteAsync(context);
    }
}
