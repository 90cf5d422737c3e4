using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Text.Json;
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

    /// <summary>
    /// A handler that takes only the context and writes its own answer: bound parameters and typed results would wrap
    /// every decision in frames of their own and open a service scope for it; the services it needs are singletons.
    /// </summary>
    public static void MapDecisionEndpoints(this IEndpointRouteBuilder app)
    {
        var grains = app.ServiceProvider.GetRequiredService<GrainReferenceCache>();
        var time = app.ServiceProvider.GetRequiredKeyedService<TimeProvider>(Clock.Key);
        // As a Delegate, not the RequestDelegate it also is: so the endpoint is described like the others (OpenAPI).
        app.MapPost("/v1/decisions", (Delegate)((HttpContext context) => DecideAsync(context, grains, time)))
            .RequireApiKey(ApiScopes.Decide)
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes), WritesItsOwnProblems.Instance)
            .WithTags("Decisions")
            .WithSummary("Decide on a sensitive action: allow, block, or step up to a face re-authentication")
            .DocumentsJsonBody<DecisionRequestBody>()
            .Produces<DecisionResult>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task DecideAsync(HttpContext context, GrainReferenceCache grains, TimeProvider time)
    {
        var tenant = context.Features.Get<Tenant>()!;
        var (body, problem) = await JsonBody.ReadAsync(context.Request, ApiJsonContext.Default.DecisionRequestBody);
        if (problem is not null)
        {
            await problem.ExecuteAsync(context);
            return;
        }
        if (DecisionRequestValidator.Validate(body!, time.GetUtcNow(), out var decision) is { } errors)
        {
            await Problems.Validation(errors).ExecuteAsync(context);
            return;
        }

        var user = grains.Get<IUserRiskGrain>(GrainKeys.For(tenant.Id, body!.UserId!));
        var started = Stopwatch.GetTimestamp();
        DecisionResult result;
        try
        {
            result = await GrainCalls.CallAsync((user, decision: decision!), static a => a.user.DecideAsync(a.decision));
        }
        catch (IdempotencyKeyReusedException e)
        {
            await Problems.Field("idempotency_key", e.Message, StatusCodes.Status422UnprocessableEntity).ExecuteAsync(context);
            return;
        }
        catch (Exception e) when (TransientFailureHandler.IsTransient(e))
        {
            if (await FallbackAsync(grains, tenant, time) is not { } fallback) throw;
            result = fallback;
        }
        RiskEngineTelemetry.RecordDecision(tenant.Id, result, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        await WriteAsync(context.Response, result);
    }

    /// <summary>
    /// The answer serialized into this thread's buffer first, so its length is known before the body starts (no chunked
    /// body), then copied into the response: nothing allocated per answer. Nothing awaits while the buffer is in use.
    /// </summary>
    private static ValueTask<FlushResult> WriteAsync(HttpResponse response, DecisionResult result)
    {
        var bytes = t_answer ??= new ArrayBufferWriter<byte>(1024);
        var json = t_answerJson ??= new Utf8JsonWriter(bytes);
        bytes.ResetWrittenCount();
        json.Reset();
        JsonSerializer.Serialize(json, result, ApiJsonContext.Default.DecisionResult);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = bytes.WrittenCount;
        response.BodyWriter.Write(bytes.WrittenSpan);
        return response.BodyWriter.FlushAsync(response.HttpContext.RequestAborted);
    }

    [ThreadStatic] private static ArrayBufferWriter<byte>? t_answer;
    [ThreadStatic] private static Utf8JsonWriter? t_answerJson;

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
