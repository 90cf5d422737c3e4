namespace RiskEngine.Api.Authentication;

/// <summary>
/// Authenticates endpoints that carry an <see cref="ApiKeyRequirement"/>: 401 for a missing or unknown
/// key, 403 for a key without the scope; otherwise the <see cref="Tenant"/> is set for the handler.
/// </summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, ApiKeyAuthenticator authenticator)
{
    public const string Header = "x-api-key";

    public Task InvokeAsync(HttpContext context)
    {
        var requirement = context.GetEndpoint()?.Metadata.GetMetadata<ApiKeyRequirement>();
        if (requirement is null) return next(context);

        if (!authenticator.TryAuthenticate(context.Request.Headers[Header].ToString(), out var tenantId, out var scopes))
        {
            context.Response.Headers.WWWAuthenticate = "ApiKey header=\"x-api-key\"";
            return Problem(context, StatusCodes.Status401Unauthorized, "Missing or unknown API key",
                $"Send a valid key in the {Header} header.");
        }
        if ((scopes & requirement.Scopes) != requirement.Scopes)
            return Problem(context, StatusCodes.Status403Forbidden, "API key lacks a scope",
                $"This endpoint needs the '{requirement.Scopes.ToString().ToLowerInvariant()}' scope.");

        context.Features.Set(new Tenant(tenantId));
        return next(context);
    }

    private static Task Problem(HttpContext context, int status, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title).ExecuteAsync(context);
}
