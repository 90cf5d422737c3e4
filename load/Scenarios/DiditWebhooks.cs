using System.Globalization;
using System.Text;
using RiskEngine.Didit;

namespace RiskEngine.Load.Scenarios;

/// <summary>Signs and posts Didit v3 status webhooks as Didit does (X-Signature-V2 over the canonical JSON, X-Timestamp).</summary>
public sealed class DiditWebhooks(HttpClient http, ScenarioOptions options)
{
    private readonly string _secret = options.WebhookSecret
        ?? throw new ArgumentException("signing Didit webhooks needs the engine's webhook secret", nameof(options));

    public async Task<HttpResponseMessage> SendAsync(string sessionId, string status, string eventId, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var body = Encoding.UTF8.GetBytes(
            $"{{\"event_id\":\"{eventId}\",\"webhook_type\":\"status.updated\",\"timestamp\":{now},\"created_at\":{now},\"session_id\":\"{sessionId}\",\"status\":\"{status}\"" +
            (status == "Approved" ? ",\"decision\":{\"liveness_checks\":[{\"score\":96.0}],\"face_matches\":[{\"score\":91.5}]}}" : "}"));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/didit/{options.Tenant}") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add(DiditSignature.V2Header, DiditSignature.SignV2(body, _secret));
        request.Headers.Add(DiditSignature.TimestampHeader, now);
        return await http.SendAsync(request, cancellationToken);
    }
}
