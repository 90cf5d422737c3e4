using RiskEngine.Api.Authentication;
using RiskEngine.Api.Errors;

namespace RiskEngine.Api.StepUps;

public static class StepUpEndpoints
{
    public static void MapStepUpEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/v1/step-ups/{session_id}", GetAsync).RequireApiKey(ApiScopes.Decide)
            .WithTags("Step-ups")
            .WithSummary("A step-up session: status, history, liveness score, face similarity")
            .ProducesProblem(StatusCodes.Status404NotFound);

    /// <summary>The session as this tenant knows it; another tenant's session is simply not found.</summary>
    private static async Task<Results<Ok<StepUpSessionView>, ProblemHttpResult>> GetAsync(
        [Microsoft.AspNetCore.Mvc.FromRoute(Name = "session_id")] string sessionId, Tenant tenant, GrainReferenceCache grains)
    {
        var view = await grains.Get<IStepUpSessionGrain>(GrainKeys.For(tenant.Id, sessionId)).GetAsync();
        return view is null
            ? Problems.Status(StatusCodes.Status404NotFound, "Step-up session not found", $"No step-up session '{sessionId}' for this tenant.")
            : TypedResults.Ok(view);
    }
}
