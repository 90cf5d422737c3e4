using Microsoft.Extensions.DependencyInjection;
using Orleans.Placement;

namespace RiskEngine.Users;

/// <summary>
/// Keeps one answer that left its user's <see cref="IdempotencyLog"/> within its 24 h. Its storage
/// (<see cref="GrainPersistence.ExpiringStorage"/>) expires the entry 24 h after it was kept here (Redis, or
/// <see cref="Hosting.ExpiringMemoryGrainStorage"/> embedded); the key's own 24 h, which began earlier, decide
/// whether it still answers. Read at most a few times, it leaves memory after every call. Only its user's grain
/// calls it, so it is activated beside that caller.
/// </summary>
[PreferLocalPlacement]
internal sealed class IdempotencyRecordGrain(
    [PersistentState("record", GrainPersistence.ExpiringStorage)] IPersistentState<IdempotencyRecordState> state,
    [FromKeyedServices(Clock.Key)] TimeProvider time) : Grain, IIdempotencyRecordGrain
{
    Task<IdempotencyRecord?> IIdempotencyRecordGrain.GetAsync()
    {
        DeactivateOnIdle();
        var record = state.State.Record;
        return Task.FromResult(record is not null && time.GetUtcNow().UtcDateTime - record.At < IdempotencyLog.Window ? record : null);
    }

    async Task IIdempotencyRecordGrain.KeepAsync(IdempotencyRecord record)
    {
        DeactivateOnIdle();
        await this.PersistAsync(() => state.UpdateAsync(record, static (s, r) => s.Record = r));
    }
}
