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
        var users = app.MapGroup("/v1/users/{user_id}").RequireApiKey(ApiScopes.Admin);
        users.MapPost("/unlock", UnlockAsync);
        users.MapDelete("", ForgetAsync);
    }

    /// <summary>An operator's unlock after declined step-ups (for example once support has verified the user).</summary>
    private static Task<Results<NoContent, ProblemHttpResult>> UnlockAsync([FromRoute(Name = "user_id")] string userId, Tenant tenant, IGrainFactory grains) =>
        OnUserAsync(userId, tenant, grains, static user => GrainCalls.CallAsync(user.UnlockAsync));

    /// <summary>Data-subject deletion: everything the engine stored about the user, everywhere in the cluster.</summary>
    private static Task<Results<NoContent, ProblemHttpResult>> ForgetAsync([FromRoute(Name = "user_id")] string userId, Tenant tenant, IGrainFactory grains) =>
        OnUserAsync(userId, tenant, grains, static user => GrainCalls.CallAsync(user.ForgetAsync));

    private static async Task<Results<NoContent, ProblemHttpResult>> OnUserAsync(string userId, Tenant tenant, IGrainFactory grains, Func<IUserRiskGrain, ValueTask> action)
    {
        if (userId.Length > DecisionRequestValidator.MaxUserIdLength)
            return Problems.Validation(new Dictionary<string, string[]> { ["user_id"] = [$"at most {DecisionRequestValidator.MaxUserIdLength} characters"] });
        await action(grains.GetGrain<IUserRiskGrain>(GrainKeys.For(tenant.Id, userId)));
        return TypedResults.NoContent();
    }
}
