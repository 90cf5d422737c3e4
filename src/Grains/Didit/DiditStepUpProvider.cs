using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;
using RiskEngine.Configuration;

namespace RiskEngine.Didit;

/// <summary>
/// Opens Didit Biometric Authentication sessions (<c>POST {BaseUrl}/v3/session/</c>) with the tenant's own
/// Didit settings, and finds and deletes them when their user is deleted. Timeouts, retries and the circuit breaker live
/// in the HttpClient's resilience pipeline (<see cref="DiditResilience"/>); whatever still fails is
/// <see cref="StepUpProviderUnavailableException"/>: the tenant's policy decides instead of a new session, and
/// a deletion is retried by its caller.
/// </summary>
public sealed partial class DiditStepUpProvider(HttpClient http, IOptions<RiskEngineOptions> options, ILogger<DiditStepUpProvider> logger)
    : IStepUpProvider
{
    /// <summary>The header that carries the tenant's Didit API key.</summary>
    public const string ApiKeyHeader = "x-api-key";

    /// <summary>Didit's default page size.</summary>
    private const int ListPageSize = 50;

    public async Task<ProviderSession> CreateSessionAsync(ProviderSessionRequest request, CancellationToken cancellationToken)
    {
        var didit = options.Value.DiditFor(request.TenantId);
        var body = new DiditSessionRequest(
            didit.Workflows[request.Method == StepUpMethod.Active3D ? "ACTIVE_3D" : "PASSIVE"],
            DiditSessionRequest.BiometricAuthentication,
            request.UserId,
            didit.ReturnUrl,
            new DiditSessionMetadata(request.Reason, request.Amount, request.DecisionId),
            request.PortraitImage);

        using var message = Request(HttpMethod.Post, didit, "/v3/session/");
        message.Content = JsonContent.Create(body, DiditJsonContext.Default.DiditSessionRequest);
        return await CallAsync(message, request.TenantId, "the session", static async (response, ct) =>
        {
            var session = await response.Content.ReadFromJsonAsync(DiditJsonContext.Default.DiditSessionResponse, ct);
            if (session?.SessionId is null || session.Url is null)
                throw new StepUpProviderUnavailableException("Didit's answer had no session_id or url");
            return new ProviderSession(session.SessionId, session.Url);
        }, cancellationToken);
    }

    /// <summary><c>DELETE {BaseUrl}/v3/session/{id}/delete/</c>; Didit's 404 means it has no such session (any more).</summary>
    public async Task DeleteSessionAsync(string tenantId, string sessionId, CancellationToken cancellationToken)
    {
        using var message = Request(HttpMethod.Delete, options.Value.DiditFor(tenantId), $"/v3/session/{Uri.EscapeDataString(sessionId)}/delete/");
        await CallAsync(message, tenantId, "to delete the session", static (_, _) => Task.FromResult(true), cancellationToken,
            alsoDone: HttpStatusCode.NotFound);
    }

    /// <summary>
    /// <c>GET {BaseUrl}/v3/sessions/?vendor_data={user}&amp;workflow_id={workflow}</c>, page by page, for each of the
    /// tenant's workflows. Only those workflows: a platform's own sessions for the same user in the same Didit
    /// application (its KYC, say) are not the engine's to delete.
    /// </summary>
    public async Task<IReadOnlyCollection<string>> FindUserSessionsAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        var didit = options.Value.DiditFor(tenantId);
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var workflow in didit.Workflows.Values.Distinct(StringComparer.Ordinal))
        {
            for (var offset = 0; ; offset += ListPageSize)
            {
                using var message = Request(HttpMethod.Get, didit, $"/v3/sessions/?vendor_data={Uri.EscapeDataString(userId)}" +
                    $"&workflow_id={Uri.EscapeDataString(workflow)}&limit={ListPageSize}&offset={offset}");
                var page = await CallAsync(message, tenantId, "to list the user's sessions", static async (response, ct) =>
                    await response.Content.ReadFromJsonAsync(DiditJsonContext.Default.DiditSessionList, ct)
                        ?? throw new StepUpProviderUnavailableException("Didit's session list was empty"), cancellationToken);
                foreach (var session in page.Results ?? []) if (session.SessionId is { } id) found.Add(id);
                if (page.Results is not { Count: ListPageSize } || offset + ListPageSize >= page.Count) break;
            }
        }
        return found;
    }

    /// <summary>
    /// Sends to Didit and reads its answer; a refusal (any status but success or <paramref name="alsoDone"/>), an
    /// unreachable Didit or an unreadable answer is <see cref="StepUpProviderUnavailableException"/>.
    /// </summary>
    private async Task<T> CallAsync<T>(HttpRequestMessage message, string tenantId, string what,
        Func<HttpResponseMessage, CancellationToken, Task<T>> read, CancellationToken cancellationToken, HttpStatusCode? alsoDone = null)
    {
        try
        {
            using var response = await http.SendAsync(message, cancellationToken);
            if (!response.IsSuccessStatusCode && response.StatusCode != alsoDone)
            {
                LogRefused(logger, what, tenantId, (int)response.StatusCode);
                throw new StepUpProviderUnavailableException($"Didit refused {what} with {(int)response.StatusCode}");
            }
            return await read(response, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or BrokenCircuitException or TaskCanceledException or JsonException)
        {
            LogUnreachable(logger, tenantId, e.GetType().Name);
            throw new StepUpProviderUnavailableException("Didit could not be reached", e);
        }
    }

    private static HttpRequestMessage Request(HttpMethod method, DiditOptions didit, string path)
    {
        var message = new HttpRequestMessage(method, $"{(didit.BaseUrl ?? DiditOptions.DefaultBaseUrl).TrimEnd('/')}{path}");
        message.Headers.Add(ApiKeyHeader, didit.ApiKey);
        return message;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Didit refused {What} for tenant {TenantId} with {Status}")]
    private static partial void LogRefused(ILogger logger, string what, string tenantId, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Didit unreachable for tenant {TenantId} ({Error})")]
    private static partial void LogUnreachable(ILogger logger, string tenantId, string error);
}
