using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Hosting;
using Orleans.Providers;
using Orleans.Storage;
using Orleans.Timers;

namespace RiskEngine.StepUps;

/// <summary>
/// Opens a step-up session for the user's grain without activating the session's own: its first state is written
/// and its reminder armed on its behalf, and the session grain first wakes for a webhook, a status read or that
/// reminder. Activating it only to store a start and leave memory again cost every step-up an activation, a
/// deactivation and a storage read of a state not there yet. The write is conditional (nothing may be stored yet),
/// so a session Didit's webhooks reached first, whose grain keeps those events, is started by that grain instead.
/// </summary>
public sealed class SessionOpener(
    [FromKeyedServices(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME)] IGrainStorage storage,
    IReminderTable reminderTable,
    IReminderRegistry reminders,
    IOptions<ReminderOptions> reminderOptions,
    [FromKeyedServices(Clock.Key)] TimeProvider time,
    GrainReferenceCache grains)
{
    /// <summary>Durable before returning, as the session grain's own start is. Call from a grain.</summary>
    /// <remarks>
    /// The reminder first: if storing the state then fails, the reminder finds no session at its time and erases
    /// itself; the other way round, a failed reminder would leave a stored session nothing ever expires or erases
    /// (the user's history, not written when the decision fails, does not know it either).
    /// </remarks>
    public async Task OpenAsync(string tenantId, string sessionId, StepUpSessionStart start)
    {
        var session = grains.Get<IStepUpSessionGrain>(GrainKeys.For(tenantId, sessionId));
        var id = session.GetGrainId();
        await ArmReminderAsync(id, start.ExpiresAt - start.CreatedAt);
        var state = new StepUpSessionState();
        state.Start(start);
        try
        {
            await storage.WriteStateAsync(StepUpSessionGrain.StateName, id, new GrainState<StepUpSessionState>(state));
        }
        catch (InconsistentStateException)
        {
            await session.StartAsync(start); // events came first: the grain merges the start into what it stored
        }
    }

    /// <summary>
    /// The reminder service reads the whole table every <see cref="ReminderOptions.RefreshReminderListPeriod"/> and
    /// keeps in memory only the reminders due within its loading window (at least that period), so a reminder first
    /// due a refresh or more from now is loaded in time from the table alone. Written there directly, it skips the
    /// service's call and the stopped placeholder the service would keep in memory until its next refresh: together
    /// about half of what a step-up cost in process. A nearer one goes through the service, which starts it now.
    /// </summary>
    private async Task ArmReminderAsync(GrainId id, TimeSpan dueTime)
    {
        if (dueTime < reminderOptions.Value.RefreshReminderListPeriod)
        {
            await reminders.RegisterOrUpdateReminder(id, StepUpSessionGrain.TickReminder, dueTime, StepUpSessionGrain.BackstopPeriod);
            return;
        }
        var entry = new ReminderEntry
        {
            GrainId = id,
            ReminderName = StepUpSessionGrain.TickReminder,
            StartAt = time.GetUtcNow().UtcDateTime + dueTime,
            Period = StepUpSessionGrain.BackstopPeriod,
        };
        if (await reminderTable.UpsertRow(entry) is null) throw new ReminderException($"Could not store the reminder of {id}");
    }
}
