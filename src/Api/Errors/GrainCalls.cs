using Orleans.Runtime;
using Polly;
using Polly.Retry;

namespace RiskEngine.Api.Errors;

/// <summary>
/// Retries a grain call that never reached its grain — its silo had just died, or the cluster turned the
/// message away — so it is safe even for a decision, which is not idempotent. Three attempts within about
/// a second; what still fails becomes a 503 (see <see cref="TransientFailureHandler"/>).
/// </summary>
public static class GrainCalls
{
    public static readonly ResiliencePipeline Retry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = 3,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(100),
            ShouldHandle = new PredicateBuilder().Handle<SiloUnavailableException>().Handle<OrleansMessageRejectionException>(),
        })
        .Build();

    public static ValueTask<T> CallAsync<T>(Func<Task<T>> call) => Retry.ExecuteAsync(static async (c, _) => await c(), call);

    public static ValueTask CallAsync(Func<Task> call) => Retry.ExecuteAsync(static async (c, _) => await c(), call);
}
