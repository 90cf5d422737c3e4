using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers;
using Orleans.Storage;

namespace RiskEngine.StepUps;

/// <summary>
/// Opens a step-up session for the user's grain without activating the session's own: its first state is written
/// and its reminder armed on its behalf, and the session grain first wakes for a webhook, a status read or that
/// reminder. Activating it only to store a start and leave memory again cost every step-up an activation, a
/// deactivation and a storage read of a state not there yet. The write is conditional (nothing may be stored yet),
/// so a session Didit's webhooks reached first, whose grain keeps those events, is started by that grain instead.
/// It also finds a session a repeated request can be sent back to (<see cref="ResumableAsync"/>), the same way.
/// </summary>
public sealed class SessionOpener(
    [FromKeyedServices(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME)] IGrainStorage storage,
    SessionReminders reminders,
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
        await reminders.ArmAsync(id, start.ExpiresAt - start.CreatedAt);
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
    /// The session, if its user can still be sent back to it (<see cref="StepUpSessionState.Resumable"/>). Read from
    /// storage, where every status is before Didit hears back, not from its grain: that grain may be waiting on the
    /// calling user's grain (a verdict's feedback), which would then wait on it.
    /// </summary>
    public async Task<StepUpInfo?> ResumableAsync(string tenantId, string sessionId, DateTimeOffset now)
    {
        var stored = new GrainState<StepUpSessionState>();
        await storage.ReadStateAsync(StepUpSessionGrain.StateName,
            grains.Get<IStepUpSessionGrain>(GrainKeys.For(tenantId, sessionId)).GetGrainId(), stored);
        return stored is { RecordExists: true, State: { } state } ? state.Resumable(sessionId, now) : null;
    }
}
