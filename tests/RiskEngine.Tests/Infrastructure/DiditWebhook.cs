using System.Text;
using System.Text.Json.Nodes;
using RiskEngine.Didit;

namespace RiskEngine.Tests.Infrastructure;

/// <summary>Builds and posts Didit v3 webhooks the way Didit does, signed with a given secret.</summary>
public static class DiditWebhook
{
    public static JsonObject Body(string sessionId, string status, DateTimeOffset at, string? eventId = null, double? liveness = null, double? face = null)
    {
        var body = new JsonObject
        {
            ["event_id"] = eventId ?? Guid.NewGuid().ToString(),
            ["webhook_type"] = "status.updated",
            ["timestamp"] = at.ToUnixTimeSeconds(),
            ["created_at"] = at.ToUnixTimeSeconds(),
            ["session_id"] = sessionId,
            ["status"] = status,
            ["workflow_id"] = "wf-1",
            ["vendor_data"] = "user",
            ["metadata"] = new JsonObject { ["reason"] = "login_new_device" },
        };
        if (liveness is not null || face is not null)
            body["decision"] = new JsonObject
            {
                ["liveness_checks"] = new JsonArray(new JsonObject { ["score"] = liveness }),
                ["face_matches"] = new JsonArray(new JsonObject { ["score"] = face }),
            };
        return body;
    }

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string tenant, string json, string secret,
        DateTimeOffset timestamp, string signatureHeader = DiditSignature.V2Header)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/didit/{tenant}")
        {
            Content = new ByteArrayContent(bytes) { Headers = { { "Content-Type", "application/json" } } },
        };
        request.Headers.Add(signatureHeader, signatureHeader == DiditSignature.V2Header
            ? DiditSignature.SignV2(bytes, secret)
            : DiditSignature.SignRaw(bytes, secret));
        request.Headers.Add(DiditSignature.TimestampHeader, timestamp.ToUnixTimeSeconds().ToString());
        return await client.SendAsync(request);
    }
}
