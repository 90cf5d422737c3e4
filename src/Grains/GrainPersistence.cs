using Orleans.Storage;

namespace RiskEngine;

public static class GrainPersistence
{
    /// <summary>
    /// Storage whose entries expire 24 h after their last write (Redis' entry expiry; embedded, an expiring store in
    /// memory): answers that left a user's idempotency log, and the archived decision samples of policy simulations.
    /// </summary>
    public const string ExpiringStorage = "expiring";

    public static readonly TimeSpan ExpiringStorageLifetime = TimeSpan.FromHours(24);

    /// <summary>
    /// Runs a durable write. One that failed leaves memory ahead of storage (a decision counted that its caller
    /// never heard, an event applied that a retry would take for a duplicate): the activation goes, and the next
    /// call starts again from storage. A write conflict is left to the caller, which re-reads.
    /// </summary>
    public static async Task PersistAsync(this IGrainBase grain, Func<Task> write)
    {
        try
        {
            await write();
        }
        catch (Exception e) when (e is not InconsistentStateException)
        {
            grain.DeactivateOnIdle();
            throw;
        }
    }
}
