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
/// Didit settings. Timeouts, retries and the circuit breaker live in the HttpClient's resilience pipeline
/// (<see cref="DiditResilience"/>); whatever still fails is <see cref="StepUpProviderUnavailableException"/>,
/// and the tenant's policy decides instead.
/// </summary>
public sealed partial class DiditStepUpProvider(HttpClient http, IOptions<RiskEngineOptions> options, ILogger<DiditStepUpProvider> logger)
    : IStepUpProvider
{
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

        using var message = new HttpRequestMessage(HttpMethod.Post, $"{(didit.BaseUrl ?? DiditOptions.DefaultBaseUrl).TrimEnd('/')}/v3/session/")
        {
            Content = JsonContent.Create(body, DiditJsonContext.Default.DiditSessionRequest),
        };
        message.Headers.Add("x-api-key", didit.ApiKey);
        try
        {
            using var response = await http.SendAsync(message, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                LogRefused(logger, request.TenantId, (int)response.StatusCode);
                throw new StepUpProviderUnavailableException($"Didit refused the session with {(int)response.StatusCode}");
            }
            var session = await response.Content.ReadFromJsonAsync(DiditJsonContext.Default.DiditSessionResponse, cancellationToken);
            if (session?.SessionId is null || session.Url is null)
                throw new StepUpProviderUnavailableException("Didit's answer had no session_id or url");
            return new ProviderSession(session.SessionId, session.Url);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or BrokenCircuitException
                                      or TaskCanceledException or JsonException)
        {
            LogUnreachable(logger, request.TenantId, e.GetType().Name);
            throw new StepUpProviderUnavailableException("Didit could not be reached", e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Didit refused a session for tenant {TenantId} with {Status}")]
    private static partial void LogRefused(ILogger logger, string tenantId, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Didit unreachable for tenant {TenantId} ({Error}): the policy's fallback decides")]
    private static partial void LogUnreachable(ILogger logger, string tenantId, string error);
}
