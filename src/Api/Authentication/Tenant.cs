namespace RiskEngine.Api.Authentication;

/// <summary>The tenant an API key belongs to; bound into every /v1 handler by <see cref="ApiKeyMiddleware"/>.</summary>
public sealed record Tenant(string Id)
{
    public static ValueTask<Tenant?> BindAsync(HttpContext context) => ValueTask.FromResult(context.Features.Get<Tenant>());
}
