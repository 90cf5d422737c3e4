using System.Runtime.CompilerServices;
using Orleans.Runtime;
using Polly;
using Polly.Retry;

namespace RiskEngine.Api.Errors;

/// <summary>
/// Retries a grain call that never reached its grain — its silo had just died, or the cluster turned the
/// message away — so it is safe even for a decision, which is not idempotent. The first attempt goes
/// straight to the grain (the pipeline's state machines would cost every call about a kilobyte); after a
/// failure the pipeline tries again at once, then three times with backoff, within about a second. What
/// still fails becomes a 503 (see <see cref="TransientFailureHandler"/>).
/// </summary>
public static class GrainCalls
{
    private static readonly ResiliencePipeline Retry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = 3,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(100),
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && NeverArrived(e)),
        })
        .Build();

    public static ValueTask<T> CallAsync<T>(Func<Task<T>> call) => CallAsync(call, static c => new ValueTask<T>(c()));

    /// <summary>
    /// With what the call needs passed in, so a static lambda serves: no closure per call on the decision path, and
    /// its frame from a pool rather than allocated per call (each caller awaits it once).
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<T> CallAsync<TState, T>(TState state, Func<TState, ValueTask<T>> call)
    {
        try
        {
            return await call(state);
        }
        catch (Exception e) when (NeverArrived(e))
        {
            return await Retry.ExecuteAsync(static async (a, _) => await a.call(a.state), (call, state));
        }
    }

    public static async ValueTask CallAsync(Func<Task> call) => await CallAsync(async () =>
    {
        await call();
        return true;
    });

    private static bool NeverArrived(Exception e) => e is SiloUnavailableException or OrleansMessageRejectionException;
}
