using System.Text;

namespace RiskEngine.Api.Authentication;

/// <summary>
/// Authenticates endpoints that carry an <see cref="ApiKeyRequirement"/>: 401 for a missing or unknown
/// key, 403 for a key without the scope; otherwise the <see cref="Tenant"/> is set for the handler.
/// A browser cannot send <c>x-api-key</c>, so the key is also taken as the password of HTTP Basic
/// (any user name): that is how an operator opens <c>/dashboard</c>.
/// </summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, ApiKeyAuthenticator authenticator)
{
    public const string Header = "x-api-key";

    public Task InvokeAsync(HttpContext context)
    {
        var requirement = context.GetEndpoint()?.Metadata.GetMetadata<ApiKeyRequirement>();
        if (requirement is null) return next(context);

        if (!authenticator.TryAuthenticate(PresentedKey(context.Request), out var tenant, out var scopes))
        {
            context.Response.Headers.WWWAuthenticate = new(["ApiKey header=\"x-api-key\"", "Basic realm=\"RiskEngine\""]);
            return Problem(context, StatusCodes.Status401Unauthorized, "Missing or unknown API key",
                $"Send a valid key in the {Header} header (from a browser: as the password of HTTP Basic).");
        }
        if ((scopes & requirement.Scopes) != requirement.Scopes)
            return Problem(context, StatusCodes.Status403Forbidden, "API key lacks a scope",
                $"This endpoint needs the '{requirement.Scopes.ToString().ToLowerInvariant()}' scope.");

        context.Features.Set(tenant);
        return next(context);
    }

    private static string PresentedKey(HttpRequest request)
    {
        var key = request.Headers[Header].ToString();
        if (key.Length > 0) return key;
        var authorization = request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return "";
        try
        {
            var credentials = Encoding.UTF8.GetString(Convert.FromBase64String(authorization[6..].Trim()));
            var colon = credentials.IndexOf(':');
            return colon < 0 ? "" : credentials[(colon + 1)..];
        }
        catch (FormatException)
        {
            return "";
        }
    }

    private static Task Problem(HttpContext context, int status, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title).ExecuteAsync(context);
}
