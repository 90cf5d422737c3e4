using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RiskEngine.Configuration;

namespace RiskEngine.StepUps;

/// <summary>
/// One tenant's <see cref="NewDeviceSessionBudget"/>, in one place for the whole cluster. Asked only by decisions that
/// would open a session for a device the user is not known on, so it is not on the path of other decisions.
/// </summary>
internal sealed partial class NewDeviceSessionBudgetGrain(
    IOptions<RiskEngineOptions> options,
    [FromKeyedServices(Clock.Key)] TimeProvider time,
    ILogger<NewDeviceSessionBudgetGrain> logger) : Grain, INewDeviceSessionBudgetGrain
{
    private static readonly TimeSpan WarningInterval = TimeSpan.FromMinutes(1);

    private NewDeviceSessionBudget _budget = null!;
    private DateTime _warnedAt = DateTime.MinValue;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _budget = new NewDeviceSessionBudget(options.Value.DiditFor(this.GetPrimaryKeyString()).NewDeviceSessionBudget);
        return Task.CompletedTask;
    }

    ValueTask<bool> INewDeviceSessionBudgetGrain.TryTakeAsync()
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (_budget.TryTake(now)) return ValueTask.FromResult(true);
        // Once a minute at most: under a flood, every such decision is refused.
        if (now - _warnedAt >= WarningInterval)
        {
            _warnedAt = now;
            LogSpent(logger, this.GetPrimaryKeyString(), _budget.PerMinute);
        }
        return ValueTask.FromResult(false);
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Tenant {TenantId} opened {PerMinute} step-up sessions for new devices within a minute: more are blocked (reason velocity) until the minute's count falls")]
    private static partial void LogSpent(ILogger logger, string tenantId, int perMinute);
}
