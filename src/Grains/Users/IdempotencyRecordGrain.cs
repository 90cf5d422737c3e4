using Microsoft.Extensions.DependencyInjection;
using Orleans.Placement;
using Orleans.Storage;

namespace RiskEngine.Users;

/// <summary>
/// Keeps one answer that left its user's <see cref="IdempotencyLog"/> within its 24 h. Its storage
/// (<see cref="GrainPersistence.IdempotencyStorage"/>) expires the entry after the window (Redis, or
/// <see cref="Hosting.ExpiringMemoryGrainStorage"/> embedded); asked after it and before that, the grain erases
/// the entry itself. Read at most a few times, it leaves memory after every call. Only its user's grain calls it: activated beside that caller.
/// </summary>
[PreferLocalPlacement]
internal sealed class IdempotencyRecordGrain(
    [PersistentState("record", GrainPersistence.IdempotencyStorage)] IPersistentState<IdempotencyRecordState> state,
    [FromKeyedServices(Clock.Key)] TimeProvider time) : Grain, IIdempotencyRecordGrain
{
    async Task<IdempotencyRecord?> IIdempotencyRecordGrain.GetAsync()
    {
        DeactivateOnIdle();
        if (state.State.Record is not { } record) return null;
        if (time.GetUtcNow().UtcDateTime - record.At < IdempotencyLog.Window) return record;
        await state.ClearAsync();
        return null;
    }

    async Task IIdempotencyRecordGrain.KeepAsync(IdempotencyRecord record)
    {
        DeactivateOnIdle();
        await this.PersistAsync(() => state.UpdateAsync(record, static (s, r) => s.Record = r));
    }
}
