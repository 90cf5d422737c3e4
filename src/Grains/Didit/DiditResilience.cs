using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace RiskEngine.Didit;

/// <summary>
/// How hard the engine tries Didit before the policy's fallback answers: a decision waits at most
/// <see cref="Total"/>; each attempt at most <see cref="PerAttempt"/>; 5xx, 408 and 429 are retried
/// twice with jittered backoff, honouring <c>Retry-After</c>; a circuit per Didit host and API key
/// (<see cref="PipelineKey"/>) opens when half of the calls fail, so a Didit outage costs later decisions nothing.
/// </summary>
public static class DiditResilience
{
    public static readonly TimeSpan Total = TimeSpan.FromSeconds(4);
    public static readonly TimeSpan PerAttempt = TimeSpan.FromSeconds(1.5);
    public static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(15);

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline) => pipeline
        .AddTimeout(Total)
        .AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = 2,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(200),
            MaxDelay = TimeSpan.FromSeconds(2),
            ShouldRetryAfterHeader = true,
        })
        .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            FailureRatio = 0.5,
            MinimumThroughput = 5,
            SamplingDuration = TimeSpan.FromSeconds(30),
            BreakDuration = BreakDuration,
        })
        .AddTimeout(PerAttempt);

    /// <summary>
    /// The circuit a call goes through: one per Didit host and API key. Didit's rate limit is per key, so a tenant whose
    /// own key is over it (429) opens only that key's circuit, not the circuits of tenants with other keys. The key is
    /// named by 32 bits of its SHA-256: the name reaches Polly's logs and metrics, the key must not.
    /// </summary>
    public static string PipelineKey(HttpRequestMessage request)
    {
        var key = request.Headers.TryGetValues(DiditStepUpProvider.ApiKeyHeader, out var values) ? values.First() : "";
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        return $"{request.RequestUri!.Authority} key {Convert.ToHexStringLower(hash[..4])}";
    }
}
