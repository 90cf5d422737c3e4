using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Hosting;
using Orleans.Reminders;
using Orleans.Timers;

namespace RiskEngine.StepUps;

/// <summary>
/// A step-up session's one reminder (<see cref="StepUpSessionGrain.TickReminder"/>), kept in Orleans' reminder table
/// directly wherever its reminder service would not hold it in memory anyway. That service reads the whole table every
/// <see cref="ReminderOptions.RefreshReminderListPeriod"/> and keeps in memory only the reminders due within its
/// <see cref="ReminderOptions.ReminderLoadingWindow"/> (never shorter than that period); for any other reminder a call
/// to it only writes the table and leaves a stopped placeholder in memory until its next refresh. A session's first
/// tick is its expiry, 30 minutes away by default, and most sessions are finished or erased long before: through the
/// service, arming and dropping their reminders was a third or more of what a user's first step-up cost in process.
/// </summary>
public sealed class SessionReminders(
    IReminderTable table,
    IReminderRegistry service,
    IOptions<ReminderOptions> options,
    [FromKeyedServices(ReminderTimeProviderNames.Reminders)] TimeProvider time)
{
    /// <summary>Arms (or re-arms) the session's reminder: first due after <paramref name="dueTime"/>, then every backstop period.</summary>
    /// <remarks>One due a refresh or more from now is loaded in time from the table alone; a nearer one goes through the service, which starts it now.</remarks>
    public async Task ArmAsync(GrainId session, TimeSpan dueTime)
    {
        if (dueTime < options.Value.RefreshReminderListPeriod)
        {
            await service.RegisterOrUpdateReminder(session, StepUpSessionGrain.TickReminder, dueTime, StepUpSessionGrain.BackstopPeriod);
            return;
        }
        var entry = new ReminderEntry
        {
            GrainId = session,
            ReminderName = StepUpSessionGrain.TickReminder,
            StartAt = time.GetUtcNow().UtcDateTime + dueTime,
            Period = StepUpSessionGrain.BackstopPeriod,
        };
        if (await table.UpsertRow(entry) is null) throw new ReminderException($"Could not store the reminder of {session}");
    }

    /// <summary>Drops the session's reminder, if it has one.</summary>
    /// <remarks>
    /// One not yet due within the loading window cannot be running in the service's memory, so removing its row is
    /// all there is to it; a nearer one may be, and goes through the service, which stops it too.
    /// </remarks>
    public async Task DropAsync(GrainId session)
    {
        if (await table.ReadRow(session, StepUpSessionGrain.TickReminder) is not { } row) return;
        if (row.StartAt - time.GetUtcNow().UtcDateTime > options.Value.ReminderLoadingWindow
            && row.ETag is { } etag && await table.RemoveRow(session, StepUpSessionGrain.TickReminder, etag)) return;
        if (await service.GetReminder(session, StepUpSessionGrain.TickReminder) is { } reminder) await service.UnregisterReminder(session, reminder);
    }
}
