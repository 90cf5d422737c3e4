using Microsoft.Extensions.Logging;

namespace RiskEngine.Hosting;

/// <summary>An API front may start before any silo: keep trying to join (reporting not-ready) instead of exiting.</summary>
internal sealed partial class RetryConnectingForever(ILogger<RetryConnectingForever> logger) : IClientConnectionRetryFilter
{
    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        LogRetry(logger, exception.Message);
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot reach the cluster yet ({Reason}); retrying")]
    private static partial void LogRetry(ILogger logger, string reason);
}
