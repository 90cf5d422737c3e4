using Microsoft.AspNetCore.Mvc;
using RiskEngine.Api.Errors;

namespace RiskEngine.Api.Sandbox;

/// <summary>
/// The sandbox provider's hosted session pages (only with <c>RiskEngine__Provider=Sandbox</c>). The session
/// id in the URL is the only credential, as with Didit's own session links.
/// </summary>
public static class SandboxEndpoints
{
    public static void MapSandboxEndpoints(this IEndpointRouteBuilder app)
    {
        var sandbox = app.MapGroup("/sandbox/sessions/{tenant_id}/{session_id}").ExcludeFromDescription(); // pages for people
        sandbox.MapGet("", ShowAsync);
        sandbox.MapPost("", DecideAsync);
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> ShowAsync(
        [FromRoute(Name = "tenant_id")] string tenantId, [FromRoute(Name = "session_id")] string sessionId, GrainReferenceCache grains)
    {
        var session = await grains.Get<IStepUpSessionGrain>(GrainKeys.For(tenantId, sessionId)).GetAsync();
        return session is null ? NotFound(sessionId) : TypedResults.Content(SandboxPage.Render(tenantId, session), "text/html; charset=utf-8");
    }

    /// <summary>
    /// Applies a verdict (<c>verdict=approve|decline|review|abandon</c>, form or query) the way Didit would: an
    /// In Progress webhook first when the user had not started, then the verdict's webhook. Browsers are sent
    /// back to the page; API clients (Accept: application/json) get the session.
    /// </summary>
    private static async Task<Results<Ok<StepUpSessionView>, RedirectHttpResult, ProblemHttpResult>> DecideAsync(
        [FromRoute(Name = "tenant_id")] string tenantId, [FromRoute(Name = "session_id")] string sessionId,
        HttpRequest request, GrainReferenceCache grains, SandboxWebhooks webhooks)
    {
        var grain = grains.Get<IStepUpSessionGrain>(GrainKeys.For(tenantId, sessionId));
        if (await grain.GetAsync() is not { } session) return NotFound(sessionId);

        string? verdict = request.Query["verdict"];
        if (verdict is null && request.HasFormContentType) verdict = (await request.ReadFormAsync())["verdict"];
        if (verdict is null || !SandboxVerdict.ByName.TryGetValue(verdict, out var status))
            return Problems.Field("verdict", $"one of {string.Join(", ", SandboxVerdict.ByName.Keys)}");

        var statuses = session.Status == SessionStatus.NotStarted ? new[] { SessionStatus.InProgress, status } : [status];
        foreach (var next in statuses)
        {
            var answer = await webhooks.SendAsync(tenantId, session, next);
            if (answer != StatusCodes.Status200OK)
                return Problems.Status(StatusCodes.Status502BadGateway, "Webhook refused", $"The engine answered the {next} webhook with {answer}.");
        }

        var updated = (await grain.GetAsync())!;
        if (request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase)) return TypedResults.Ok(updated);
        return TypedResults.LocalRedirect(request.Path);
    }

    private static ProblemHttpResult NotFound(string sessionId) =>
        Problems.Status(StatusCodes.Status404NotFound, "Step-up session not found", $"No sandbox session '{sessionId}'.");
}
