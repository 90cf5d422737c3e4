using Microsoft.AspNetCore.Mvc;
using RiskEngine.Api.Authentication;
using RiskEngine.Users;

namespace RiskEngine.Api.Users;

public static class UserEndpoints
{
    public static void MapUserEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/v1/users/{user_id}/unlock", UnlockAsync).RequireApiKey(ApiScopes.Admin);

    /// <summary>An operator's unlock after declined step-ups (for example once support has verified the user).</summary>
    private static async Task<NoContent> UnlockAsync([FromRoute(Name = "user_id")] string userId, Tenant tenant, IGrainFactory grains)
    {
        await grains.GetGrain<IUserRiskGrain>(GrainKeys.For(tenant.Id, userId)).UnlockAsync();
        return TypedResults.NoContent();
    }
}
