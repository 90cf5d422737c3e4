using Orleans.Storage;

namespace RiskEngine;

public static class GrainPersistence
{
    /// <summary>The storage of answers that left a user's idempotency log: with Redis, entries expire after 24 h.</summary>
    public const string IdempotencyStorage = "idempotency";

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
