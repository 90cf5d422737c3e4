using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RiskEngine.Configuration;

namespace RiskEngine.StepUps;

/// <summary>
/// POSTs a signed <see cref="StepUpCallback"/> to the tenant's platform. One attempt per call: retries with
/// backoff belong to the session grain's outbox, which survives restarts. The signature header is
/// <c>X-RiskEngine-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256(secret, "&lt;t&gt;.&lt;body&gt;")&gt;</c>.
/// </summary>
public sealed partial class CallbackSender(
    IHttpClientFactory http,
    IOptions<RiskEngineOptions> options,
    [FromKeyedServices(Clock.Key)] TimeProvider time,
    ILogger<CallbackSender> logger)
{
    public const string HttpClientName = "callbacks";
    public const string SignatureHeader = "X-RiskEngine-Signature";

    public bool IsConfigured(string tenantId) =>
        options.Value.Tenants.TryGetValue(tenantId, out var tenant) && tenant.CallbackUrl is not null;

    /// <summary>One attempt. Returns null once the platform acknowledged it (2xx; or with no callback URL, nothing to send), else why not.</summary>
    public async Task<string?> SendAsync(string tenantId, StepUpCallback callback)
    {
        if (!options.Value.Tenants.TryGetValue(tenantId, out var tenant) || tenant.CallbackUrl is null) return null;

        var body = JsonSerializer.SerializeToUtf8Bytes(callback, CallbackJsonContext.Default.StepUpCallback);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, tenant.CallbackUrl)
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        request.Headers.Add(SignatureHeader, $"t={timestamp},v1={Sign(tenant.CallbackSecret!, timestamp, body)}");
        try
        {
            using var response = await http.CreateClient(HttpClientName).SendAsync(request);
            if (response.IsSuccessStatusCode) return null;
            LogRefused(logger, tenantId, callback.EventId, (int)response.StatusCode);
            return $"HTTP {(int)response.StatusCode}";
        }
        catch (HttpRequestException e)
        {
            var error = e.HttpRequestError == HttpRequestError.Unknown ? nameof(HttpRequestException) : $"{nameof(HttpRequestException)} ({e.HttpRequestError})";
            LogUnreachable(logger, tenantId, callback.EventId, error);
            return error;
        }
        catch (TaskCanceledException)
        {
            LogUnreachable(logger, tenantId, callback.EventId, "timeout");
            return "timeout";
        }
    }

    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Callback {EventId} for tenant {TenantId} refused with {Status}; will retry")]
    private static partial void LogRefused(ILogger logger, string tenantId, string eventId, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Callback {EventId} for tenant {TenantId} not delivered ({Error}); will retry")]
    private static partial void LogUnreachable(ILogger logger, string tenantId, string eventId, string error);
}
