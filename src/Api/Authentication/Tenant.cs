namespace RiskEngine.Api.Authentication;

/// <summary>The tenant an API key belongs to; bound into every /v1 handler by <see cref="ApiKeyMiddleware"/>.</summary>
/// <param name="KeyName">Who holds the key that was presented (see <see cref="ApiKeyOptions.Name"/>).</param>
public sealed record Tenant(string Id, string KeyName)
{
    public static ValueTask<Tenant?> BindAsync(HttpContext context) => ValueTask.FromResult(context.Features.Get<Tenant>());
}
