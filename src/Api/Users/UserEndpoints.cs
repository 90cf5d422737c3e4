using Microsoft.AspNetCore.Mvc;
using RiskEngine.Api.Authentication;
using RiskEngine.Api.Decisions;
using RiskEngine.Api.Errors;
using RiskEngine.Users;

namespace RiskEngine.Api.Users;

public static class UserEndpoints
{
    public static void MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/v1/users/{user_id}").RequireApiKey(ApiScopes.Admin).WithTags("Users").ProducesValidationProblem();
        users.MapGet("", GetAsync)
            .WithSummary("What the engine keeps of the user: lock, declines, known networks, countries and ASNs, transfer habits, step-ups")
            .ProducesProblem(StatusCodes.Status404NotFound);
        users.MapPost("/unlock", UnlockAsync).WithSummary("Lift a lock after declined step-ups");
        users.MapDelete("", ForgetAsync)
            .WithSummary("Data-subject deletion: the user's step-up sessions at the identity provider, then everything stored here")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>For support (is the user locked, after which declines?) and for a data-subject access request.</summary>
    private static async Task<Results<Ok<UserView>, ProblemHttpResult>> GetAsync([FromRoute(Name = "user_id")] string userId, Tenant tenant, GrainReferenceCache grains)
    {
        if (TooLong(userId) is { } problem) return problem;
        var view = await GrainCalls.CallAsync(grains.Get<IUserRiskGrain>(GrainKeys.For(tenant.Id, userId)).GetAsync);
        return view is null
            ? Problems.Status(StatusCodes.Status404NotFound, "User not found", "The engine knows nothing of this user for this tenant.")
            : TypedResults.Ok(view);
    }

    /// <summary>
    /// An operator's unlock after declined step-ups (for example once support has verified the user), recorded with the
    /// key's name: a lock lifted at the desk is how account takeovers get around face checks, so risk staff see who did it.
    /// </summary>
    private static Task<Results<NoContent, ProblemHttpResult>> UnlockAsync([FromRoute(Name = "user_id")] string userId, Tenant tenant, GrainReferenceCache grains) =>
        OnUserAsync(userId, tenant, grains, static (user, by) => user.UnlockAsync(by));

    /// <summary>
    /// Data-subject deletion: everything the engine stored about the user, everywhere in the cluster, and the user's
    /// sessions at the identity provider. When the provider cannot delete them now, nothing is deleted: 503, retry. When
    /// it is slow to delete many, the deletion outlives the call: 503 too, and the retry finishes it.
    /// </summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> ForgetAsync(
        [FromRoute(Name = "user_id")] string userId, Tenant tenant, GrainReferenceCache grains, HttpResponse response)
    {
        try
        {
            return await OnUserAsync(userId, tenant, grains, static (user, by) => user.ForgetAsync(by));
        }
        catch (StepUpProviderUnavailableException e)
        {
            // The operator's to read (a refusal's status tells a missing permission from an outage); it carries no user data.
            response.Headers.RetryAfter = "30";
            return Problems.Status(StatusCodes.Status503ServiceUnavailable, "Identity provider unavailable",
                $"The identity provider could not delete the user's step-up sessions ({e.Message}), so nothing was deleted yet; retry later.");
        }
        catch (TimeoutException)
        {
            // Most likely many sessions at a slow provider: the grain goes on deleting after the call stopped waiting.
            response.Headers.RetryAfter = "30";
            return Problems.Status(StatusCodes.Status503ServiceUnavailable, "Deletion still in progress",
                "The deletion did not finish within the time the engine waits for an answer (most likely the identity provider " +
                "is slow to delete the user's many step-up sessions) and may still be going on. Retry later: the retry deletes " +
                "whatever is left and answers 204 once everything is gone.");
        }
    }

    /// <summary>An operator's act on the user, passed the acting key's name.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> OnUserAsync(string userId, Tenant tenant, GrainReferenceCache grains, Func<IUserRiskGrain, string, Task> action)
    {
        if (TooLong(userId) is { } problem) return problem;
        var user = grains.Get<IUserRiskGrain>(GrainKeys.For(tenant.Id, userId));
        await GrainCalls.CallAsync(() => action(user, tenant.KeyName));
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult? TooLong(string userId) => userId.Length > DecisionRequestValidator.MaxUserIdLength
        ? Problems.Validation(new Dictionary<string, string[]> { ["user_id"] = [$"at most {DecisionRequestValidator.MaxUserIdLength} characters"] })
        : null;
}
