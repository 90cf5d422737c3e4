using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace RiskEngine.Users;

/// <summary>
/// Answers that left a user's <see cref="IdempotencyLog"/> within their 24 h, each stored on its own in the expiring
/// storage (<see cref="GrainPersistence.ExpiringStorage"/>, which drops it a day after it was kept; the key's own
/// 24 h, which began earlier, decide whether it still answers). Only the user's grain reads and writes them, one call
/// at a time, so they need no grain of their own: a grain per answer cost a busy user an activation for every new key
/// looked for and every answer kept.
/// </summary>
public sealed class SpilledAnswers([FromKeyedServices(GrainPersistence.ExpiringStorage)] IGrainStorage storage)
{
    public const string StateName = "record";

    /// <summary>The grain type these entries were stored under when each had a grain: their storage keys stay the same.</summary>
    private static readonly GrainType Type = GrainType.Create("idempotencyrecord");

    public async Task<IdempotencyRecord?> FindAsync(string tenantId, string userId, string key)
    {
        var stored = new GrainState<IdempotencyRecordState>(new IdempotencyRecordState());
        await storage.ReadStateAsync(StateName, Id(tenantId, userId, key), stored);
        return stored.State?.Record;
    }

    /// <summary>Stores the answer durably before returning.</summary>
    public async Task KeepAsync(string tenantId, string userId, IdempotencyRecord record)
    {
        var id = Id(tenantId, userId, record.Key);
        var state = new GrainState<IdempotencyRecordState>(new IdempotencyRecordState { Record = record });
        try
        {
            await storage.WriteStateAsync(StateName, id, state);
        }
        catch (InconsistentStateException)
        {
            // An earlier answer to the same key is still stored (a platform that reuses keys): this one replaces it.
            var earlier = new GrainState<IdempotencyRecordState>(new IdempotencyRecordState());
            await storage.ReadStateAsync(StateName, id, earlier);
            state.ETag = earlier.ETag;
            await storage.WriteStateAsync(StateName, id, state);
        }
    }

    private static GrainId Id(string tenantId, string userId, string key) => GrainId.Create(Type, GrainKeys.ForUserItem(tenantId, userId, key));
}
