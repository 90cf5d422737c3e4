using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RiskEngine.Configuration;

namespace RiskEngine.Policies;

/// <summary>
/// Hands each finished quarter hour of this silo's <see cref="DecisionSampler"/> to its
/// <see cref="IDecisionSampleArchiveGrain"/> within a minute of its end, and, when the silo stops with durable
/// storage, the quarter hour under way too: a policy simulation then still sees the day's decisions after a restart
/// or a deployment. A silo that crashes loses at most its current quarter hour. A failed write is tried again the
/// next minute.
/// </summary>
public sealed partial class DecisionSampleArchiver(
    DecisionSampler sampler,
    IGrainFactory grains,
    ILocalSiloDetails silo,
    IOptions<RiskEngineOptions> options,
    [FromKeyedServices(Clock.Key)] TimeProvider time,
    ILogger<DecisionSampleArchiver> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) => lifecycle.Subscribe<DecisionSampleArchiver>(ServiceLifecycleStage.Active,
        _ =>
        {
            _loop = RunAsync();
            return Task.CompletedTask;
        },
        async _ =>
        {
            await _stopping.CancelAsync();
            await _loop;
            // Embedded mode's storage goes with the process: nothing to keep the quarter hour under way for.
            if (options.Value.DurableState) await ArchiveAsync(includeCurrent: true);
        });

    /// <summary>Archives what is due now: the finished quarter hours, and with <paramref name="includeCurrent"/> the one under way.</summary>
    public async Task ArchiveAsync(bool includeCurrent)
    {
        var address = silo.SiloAddress.ToParsableString();
        foreach (var (tenantId, slot, contribution) in sampler.Unarchived(includeCurrent).ToList())
        {
            try
            {
                await grains.GetGrain<IDecisionSampleArchiveGrain>(GrainKeys.For(tenantId, slot.ToString(CultureInfo.InvariantCulture)))
                    .AddAsync(address, contribution);
                sampler.Archived(tenantId, slot);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Storage or the cluster is in trouble: the rest would fail the same way. Next minute, again.
                LogNotArchived(logger, tenantId, e.GetType().Name);
                return;
            }
        }
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(Period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token)) await ArchiveAsync(includeCurrent: false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Decision sample of tenant {TenantId} not archived ({Error}); tried again in a minute")]
    private static partial void LogNotArchived(ILogger logger, string tenantId, string error);
}
