namespace RiskEngine.Api.Errors;

/// <summary>
/// Endpoint metadata: every error the endpoint answers is already problem details (its parameters cannot fail to
/// bind), so the status-code-pages middleware, which turns bare error statuses into problem details at the cost
/// of an async frame and an items dictionary per request, is skipped for it. Set on the decision endpoint.
/// </summary>
public sealed class WritesItsOwnProblems
{
    public static readonly WritesItsOwnProblems Instance = new();
}
