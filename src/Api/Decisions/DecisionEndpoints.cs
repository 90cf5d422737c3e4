using Microsoft.AspNetCore.Mvc;
using RiskEngine.Api.Authentication;
using RiskEngine.Api.Errors;
using RiskEngine.Api.Json;
using RiskEngine.Users;

namespace RiskEngine.Api.Decisions;

public static class DecisionEndpoints
{
    /// <summary>2 MiB: room for a 1 MB portrait in base64 and the rest of the request.</summary>
    public const long MaxBodyBytes = 2 * 1024 * 1024;

    public static void MapDecisionEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/v1/decisions", DecideAsync)
            .RequireApiKey(ApiScopes.Decide)
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes));

    private static async Task<Results<Ok<DecisionResult>, ProblemHttpResult>> DecideAsync(
        HttpRequest request, Tenant tenant, IGrainFactory grains, [FromKeyedServices(Clock.Key)] TimeProvider time)
    {
        var (body, problem) = await JsonBody.ReadAsync(request, ApiJsonContext.Default.DecisionRequestBody);
        if (problem is not null) return problem;

        if (DecisionRequestValidator.Validate(body!, time.GetUtcNow(), out var decision) is { } errors)
            return Problems.Validation(errors);

        try
        {
            var user = grains.GetGrain<IUserRiskGrain>(GrainKeys.For(tenant.Id, body!.UserId!));
            return TypedResults.Ok(await user.DecideAsync(decision!));
        }
        catch (IdempotencyKeyReusedException e)
        {
            return Problems.Field("idempotency_key", e.Message, StatusCodes.Status422UnprocessableEntity);
        }
    }
}
