using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using RiskEngine.Api.Documentation;
using RiskEngine.Api.Errors;
using RiskEngine.Api.Json;
using RiskEngine.Didit;
using RiskEngine.Telemetry;

namespace RiskEngine.Api.Webhooks;

/// <summary>
/// <c>POST /webhooks/didit/{tenant_id}</c>. The raw body is verified first — X-Signature-V2 over its
/// canonical form (or X-Signature over the bytes), under the tenant's secret or the previous one, with
/// X-Timestamp and the body's timestamp within 300 s — and only then parsed and trusted. 200 comes only
/// after the session grain persisted the event; a storage failure is a 5xx, so Didit retries.
/// </summary>
public static class DiditWebhookEndpoints
{
    public const long MaxBodyBytes = 1024 * 1024;

    public static void MapDiditWebhookEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/webhooks/didit/{tenant_id}", ReceiveAsync).WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .WithTags("Webhooks")
            .WithSummary("Didit's status webhooks, authenticated by their X-Signature-V2 (no API key)")
            .DocumentsJsonBody<DiditWebhookBody>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    private static async Task<Results<Ok<WebhookAck>, ProblemHttpResult>> ReceiveAsync(
        [FromRoute(Name = "tenant_id")] string tenantId, HttpRequest request, GrainReferenceCache grains,
        IOptions<RiskEngineOptions> options, [FromKeyedServices(Clock.Key)] TimeProvider time)
    {
        byte[] body;
        try
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
            body = buffer.ToArray();
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problems.Status(StatusCodes.Status413PayloadTooLarge, "Webhook too large", $"At most {MaxBodyBytes} bytes.");
        }

        var now = time.GetUtcNow();
        if (!options.Value.Tenants.ContainsKey(tenantId)) return Unauthorized(WebhookRejectionReasons.UnknownTenant, "unknown tenant");
        var didit = options.Value.DiditFor(tenantId);
        string?[] secrets = [didit.WebhookSecret, didit.WebhookSecretPrevious];

        if (!IsFresh(request.Headers[DiditSignature.TimestampHeader], now)) return Unauthorized(WebhookRejectionReasons.Stale, "X-Timestamp missing or not within 300 s");

        var isJson = true;
        var verified = false;
        try
        {
            verified = DiditSignature.Matches(CanonicalJson.Canonicalize(body), request.Headers[DiditSignature.V2Header], secrets);
        }
        catch (JsonException)
        {
            isJson = false;
        }
        verified = verified || DiditSignature.Matches(body, request.Headers[DiditSignature.RawHeader], secrets);
        if (!verified) return Unauthorized(WebhookRejectionReasons.BadSignature, "bad signature");
        if (!isJson) return Rejected(WebhookRejectionReasons.NotJson, Problems.Field("$", "the body is not JSON"));

        // Authentic from here on.
        DiditWebhookBody? webhook;
        try
        {
            webhook = JsonSerializer.Deserialize(body, ApiJsonContext.Default.DiditWebhookBody);
        }
        catch (JsonException)
        {
            return Rejected(WebhookRejectionReasons.NotAWebhook, Problems.Field("$", "not a Didit webhook"));
        }
        if (webhook?.Timestamp is not { } timestamp || Math.Abs(now.ToUnixTimeSeconds() - timestamp) > DiditSignature.Tolerance.TotalSeconds)
            return Unauthorized(WebhookRejectionReasons.Stale, "the body's timestamp is missing or not within 300 s");

        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(webhook.SessionId)) errors["session_id"] = ["required"];
        if (!JsonEnumNames<SessionStatus>.TryParse(webhook.Status, out var status)) errors["status"] = [$"unknown status '{webhook.Status}'"];
        if (errors.Count > 0) return Rejected(WebhookRejectionReasons.Incomplete, Problems.Validation(errors));

        var sessionEvent = new SessionEvent(webhook.EventId, status, DateTimeOffset.FromUnixTimeSeconds((long)timestamp),
            webhook.Decision?.LivenessChecks?.FirstOrDefault()?.Score, webhook.Decision?.FaceMatches?.FirstOrDefault()?.Score);
        var session = grains.Get<IStepUpSessionGrain>(GrainKeys.For(tenantId, webhook.SessionId!));
        var outcome = await GrainCalls.CallAsync(() => session.ApplyAsync(sessionEvent));
        return TypedResults.Ok(new WebhookAck(outcome));
    }

    /// <summary>A range check, not a difference: "now minus any long" can overflow, and this runs before the signature is checked.</summary>
    private static bool IsFresh(string? header, DateTimeOffset now) =>
        long.TryParse(header, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
        && seconds >= now.ToUnixTimeSeconds() - (long)DiditSignature.Tolerance.TotalSeconds
        && seconds <= now.ToUnixTimeSeconds() + (long)DiditSignature.Tolerance.TotalSeconds;

    private static ProblemHttpResult Unauthorized(string reason, string detail) =>
        Rejected(reason, Problems.Status(StatusCodes.Status401Unauthorized, "Webhook not authenticated", detail));

    private static ProblemHttpResult Rejected(string reason, ProblemHttpResult problem)
    {
        RiskEngineTelemetry.WebhookRejections.Add(1, new KeyValuePair<string, object?>("reason", reason));
        return problem;
    }
}
