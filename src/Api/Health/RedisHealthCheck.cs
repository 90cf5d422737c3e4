using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace RiskEngine.Api.Health;

/// <summary>Ready when Redis (state, membership, reminders) answers a PING.</summary>
public sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await redis.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            return HealthCheckResult.Healthy($"PING {latency.TotalMilliseconds:0.0} ms");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("Redis unreachable", e);
        }
    }
}
