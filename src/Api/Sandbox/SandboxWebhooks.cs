using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using RiskEngine.Didit;

namespace RiskEngine.Api.Sandbox;

/// <summary>
/// Plays Didit for the sandbox: builds v3 status webhooks, signs them with the tenant's webhook secret
/// exactly as Didit does (X-Signature-V2, X-Timestamp), and POSTs them over HTTP to the engine's own
/// webhook endpoint, so the sandbox exercises the production path end to end.
/// </summary>
public sealed class SandboxWebhooks(IHttpClientFactory http, IOptions<RiskEngineOptions> options, [FromKeyedServices(Clock.Key)] TimeProvider time)
{
    public const string HttpClientName = "sandbox-webhooks";

    /// <summary>Sends one status webhook; returns the HTTP status the engine answered.</summary>
    public async Task<int> SendAsync(string tenantId, StepUpSessionView session, SessionStatus status)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var webhook = new JsonObject
        {
            ["event_id"] = Guid.NewGuid().ToString(),
            ["webhook_type"] = "status.updated",
            ["timestamp"] = now,
            ["created_at"] = now,
            ["session_id"] = session.SessionId,
            ["status"] = JsonEnumNames<SessionStatus>.Name(status),
            ["workflow_id"] = "sandbox-" + (session.Method is { } m ? JsonEnumNames<StepUpMethod>.Name(m) : "unknown"),
            ["vendor_data"] = session.UserId,
            ["metadata"] = new JsonObject { ["decision_id"] = session.DecisionId },
            ["decision"] = status switch
            {
                SessionStatus.Approved => Decision(liveness: 96.0, face: 91.5),
                SessionStatus.Declined => Decision(liveness: 12.0, face: 18.25),
                _ => null,
            },
        };
        var body = System.Text.Encoding.UTF8.GetBytes(webhook.ToJsonString());
        var secret = options.Value.DiditFor(tenantId).WebhookSecret!;

        using var request = new HttpRequestMessage(HttpMethod.Post, $"{options.Value.PublicBaseUrl!.TrimEnd('/')}/webhooks/didit/{tenantId}")
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        request.Headers.Add(DiditSignature.V2Header, DiditSignature.SignV2(body, secret));
        request.Headers.Add(DiditSignature.TimestampHeader, now.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var response = await http.CreateClient(HttpClientName).SendAsync(request);
        return (int)response.StatusCode;
    }

    private static JsonObject Decision(double liveness, double face) => new()
    {
        ["liveness_checks"] = new JsonArray(new JsonObject { ["score"] = liveness }),
        ["face_matches"] = new JsonArray(new JsonObject { ["score"] = face }),
    };
}
