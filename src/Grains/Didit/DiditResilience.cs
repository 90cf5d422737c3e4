using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace RiskEngine.Didit;

/// <summary>
/// How hard the engine tries Didit before the policy's fallback answers: a decision waits at most
/// <see cref="Total"/>; each attempt at most <see cref="PerAttempt"/>; 5xx, 408 and 429 are retried
/// twice with jittered backoff, honouring <c>Retry-After</c>; a circuit per Didit host opens when half of
/// the calls fail, so a Didit outage costs later decisions nothing.
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
}
