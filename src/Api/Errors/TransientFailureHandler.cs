using Microsoft.AspNetCore.Diagnostics;
using Orleans.Runtime;
using Orleans.Storage;
using StackExchange.Redis;

namespace RiskEngine.Api.Errors;

/// <summary>
/// Failures a retry can cure (a silo going away, a timeout, storage unreachable) become 503 with
/// Retry-After, so platforms and Didit retry; anything else is an opaque 500. Details go to the log only.
/// </summary>
public sealed partial class TransientFailureHandler(ILogger<TransientFailureHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsTransient(exception)) return false;
        // The route pattern, not the path: paths carry user ids. The failed request's endpoint is kept in the
        // feature: the exception handler middleware has already cleared the context's own.
        var endpoint = context.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
        LogTransient(logger, exception.GetType().Name, (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)");
        context.Response.Headers.RetryAfter = "1";
        await Problems.Status(StatusCodes.Status503ServiceUnavailable, "Temporarily unavailable",
            "The engine could not reach its cluster or storage; retry shortly.").ExecuteAsync(context);
        return true;
    }

    public static bool IsTransient(Exception exception) => exception switch
    {
        TimeoutException or SiloUnavailableException or OrleansMessageRejectionException or ClientNotAvailableException
            or RedisException or InconsistentStateException => true,
        Orleans.Persistence.Redis.RedisStorageException => true,
        AggregateException { InnerException: { } inner } => IsTransient(inner),
        _ => exception.InnerException is { } inner && IsTransient(inner),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transient failure ({Exception}) on {Route}: answered 503")]
    private static partial void LogTransient(ILogger logger, string exception, string route);
}
