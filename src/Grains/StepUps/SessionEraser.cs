using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers;
using Orleans.Storage;

namespace RiskEngine.StepUps;

/// <summary>
/// Erases a session its user's history no longer keeps without activating the session's grain, as
/// <see cref="SessionOpener"/> opens one: its reminder is dropped and its state cleared on its behalf. The busiest users
/// erase their oldest session on every step-up, and waking its grain only to erase itself and leave memory again cost
/// more than the rest of such a decision. A session whose grain is awake on this silo is asked to erase itself, so that
/// nothing it holds outlives the erasure; so is one written since it was read here (a webhook to its grain awake on
/// another silo), whose clear fails on the ETag. That grain, awake elsewhere and unwritten, keeps what it read until it
/// is collected; its next write finds nothing stored.
/// </summary>
public sealed class SessionEraser(
    [FromKeyedServices(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME)] IGrainStorage storage,
    SessionReminders reminders,
    ILocalActivationStatusChecker activations,
    GrainReferenceCache grains)
{
    /// <summary>Durable before returning, as the grain's own erasure is. Call from a grain.</summary>
    public async Task EraseAsync(string tenantId, string sessionId)
    {
        var session = grains.Get<IStepUpSessionGrain>(GrainKeys.For(tenantId, sessionId));
        var id = session.GetGrainId();
        if (activations.IsLocallyActivated(id))
        {
            await session.ForgetAsync();
            return;
        }
        var stored = new GrainState<StepUpSessionState>();
        await storage.ReadStateAsync(StepUpSessionGrain.StateName, id, stored);
        await reminders.DropAsync(id);
        if (!stored.RecordExists) return;
        try
        {
            await storage.ClearStateAsync(StepUpSessionGrain.StateName, id, stored);
        }
        catch (InconsistentStateException)
        {
            await session.ForgetAsync();
        }
    }
}
