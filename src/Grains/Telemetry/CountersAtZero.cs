using Microsoft.Extensions.Hosting;

namespace RiskEngine.Telemetry;

/// <summary>Adds the host's zeros to its counters at start (see <see cref="RiskEngineTelemetry.StartGrainCountersAtZero"/>).</summary>
public sealed class CountersAtZero(Action addZeros) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        addZeros();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
