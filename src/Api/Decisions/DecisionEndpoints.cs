using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using RiskEngine.Api.Authentication;
using RiskEngine.Api.Documentation;
using RiskEngine.Api.Errors;
using RiskEngine.Api.Json;
using RiskEngine.Telemetry;
using RiskEngine.Users;

namespace RiskEngine.Api.Decisions;

public static class DecisionEndpoints
{
    /// <summary>2 MiB: room for a 1 MB portrait in base64 and the rest of the request.</summary>
    public const long MaxBodyBytes = 2 * 1024 * 1024;

    public static void MapDecisionEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/v1/decisions", DecideAsync)
            .RequireApiKey(ApiScopes.Decide)
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes), WritesItsOwnProblems.Instance)
            .WithTags("Decisions")
            .WithSummary("Decide on a sensitive action: allow, block, or step up to a face re-authentication")
            .DocumentsJsonBody<DecisionRequestBody>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    private static async Task<Results<Ok<DecisionResult>, ProblemHttpResult>> DecideAsync(
        HttpRequest request, GrainReferenceCache grains, [FromKeyedServices(Clock.Key)] TimeProvider time)
    {
        // Taken from the feature, not bound as a parameter like the other endpoints do: a parameter with BindAsync
        // makes minimal APIs wrap the handler in an async frame with an array of bound values, on every decision.
        var tenant = request.HttpContext.Features.Get<Tenant>()!;
        var (body, problem) = await JsonBody.ReadAsync(request, ApiJsonContext.Default.DecisionRequestBody);
        if (problem is not null) return problem;

        if (DecisionRequestValidator.Validate(body!, time.GetUtcNow(), out var decision) is { } errors)
            return Problems.Validation(errors);

        var user = grains.Get<IUserRiskGrain>(GrainKeys.For(tenant.Id, body!.UserId!));
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await GrainCalls.CallAsync((user, decision: decision!), static a => a.user.DecideAsync(a.decision));
            RiskEngineTelemetry.RecordDecision(tenant.Id, result, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return TypedResults.Ok(result);
        }
        catch (IdempotencyKeyReusedException e)
        {
            return Problems.Field("idempotency_key", e.Message, StatusCodes.Status422UnprocessableEntity);
        }
        catch (Exception e) when (TransientFailureHandler.IsTransient(e))
        {
            if (await FallbackAsync(grains, tenant, time) is { } fallback)
            {
                RiskEngineTelemetry.RecordDecision(tenant.Id, fallback, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                return TypedResults.Ok(fallback);
            }
            throw;
        }
    }

    /// <summary>
    /// The user's history is out of reach: the tenant's policy chooses between blocking (reason
    /// <c>storage_unavailable</c>) and a 503 the platform retries (null here; the handler answers it).
    /// </summary>
    private static async Task<DecisionResult?> FallbackAsync(GrainReferenceCache grains, Tenant tenant, TimeProvider time)
    {
        Policy policy;
        try
        {
            policy = await grains.Get<IPolicyGrain>(tenant.Id).GetAsync().WaitAsync(TimeSpan.FromSeconds(1));
        }
        catch (Exception e) when (TransientFailureHandler.IsTransient(e) || e is TimeoutException)
        {
            policy = Policy.Default;
        }
        return policy.OnStorageUnavailable == StorageFallback.Block
            ? new DecisionResult(Uuid.Version7(time.GetUtcNow()).ToString("N"), Outcome.Block, null, 0,
                ReasonSet.Of(Reason.StorageUnavailable), policy.Version, null)
            : null;
    }
}
