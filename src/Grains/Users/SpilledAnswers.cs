using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;

namespace RiskEngine.Users;

/// <summary>
/// Answers that left a user's <see cref="IdempotencyLog"/> within their 24 h, each stored on its own in the expiring
/// storage (<see cref="GrainPersistence.ExpiringStorage"/>, which drops it a day after it was kept; the key's own
/// 24 h, which began earlier, decide whether it still answers). Only the user's grain reads and writes them, one call
/// at a time, so they need no grain of their own: a grain per answer cost a busy user an activation for every new key
/// looked for and every answer kept.
/// <para>
/// Each is sealed (AES-GCM) under a name derived from the idempotency key (HMAC-SHA256), both with the log's own
/// <see cref="IdempotencyLog.SpillKey"/>. Deleting the user deletes that key with the log, so the answers still
/// waiting out their day can then neither be read nor tied to the user or to the platform's keys: the deletion is
/// complete at once, with no search through storage for them.
/// </para>
/// </summary>
public sealed class SpilledAnswers([FromKeyedServices(GrainPersistence.ExpiringStorage)] IGrainStorage storage, Serializer<IdempotencyRecord> serializer)
{
    public const string StateName = "record";

    private const int NonceSize = 12, TagSize = 16, NameBytes = 16;

    private static readonly GrainType Sealed = GrainType.Create("spilledanswer");

    /// <summary>Answers kept by engines before they were sealed: named by user and key, in the clear. This path can go
    /// once every silo has run a sealing engine for a day.</summary>
    private static readonly GrainType Legacy = GrainType.Create("idempotencyrecord");

    public async Task<IdempotencyRecord?> FindAsync(string tenantId, string userId, string key, IdempotencyLog log, DateTime now)
    {
        if (log.SpillKey is { } spillKey)
        {
            var stored = new GrainState<SealedAnswer>(new SealedAnswer());
            await storage.ReadStateAsync(StateName, Name(tenantId, spillKey, key), stored);
            if (stored.State?.Data is { } data && Open(spillKey, data) is { } record && record.Key == key) return record;
        }
        if (!log.MayHaveLegacySpills(now)) return null;
        var legacy = new GrainState<IdempotencyRecordState>(new IdempotencyRecordState());
        await storage.ReadStateAsync(StateName, GrainId.Create(Legacy, GrainKeys.ForUserItem(tenantId, userId, key)), legacy);
        return legacy.State?.Record;
    }

    /// <summary>Stores the answer durably before returning; it gives <paramref name="log"/> its key first if it has none.</summary>
    public async Task KeepAsync(string tenantId, IdempotencyLog log, IdempotencyRecord record)
    {
        var spillKey = log.EnsureSpillKey();
        var id = Name(tenantId, spillKey, record.Key);
        var state = new GrainState<SealedAnswer>(new SealedAnswer { Data = Seal(spillKey, record) });
        try
        {
            await storage.WriteStateAsync(StateName, id, state);
        }
        catch (InconsistentStateException)
        {
            // An earlier answer to the same key is still stored (a platform that reuses keys): this one replaces it.
            var earlier = new GrainState<SealedAnswer>(new SealedAnswer());
            await storage.ReadStateAsync(StateName, id, earlier);
            state.ETag = earlier.ETag;
            await storage.WriteStateAsync(StateName, id, state);
        }
    }

    private static GrainId Name(string tenantId, byte[] spillKey, string key)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(spillKey.AsSpan(0, IdempotencyLog.SpillKeyHalf), Encoding.UTF8.GetBytes(key), mac);
        return GrainId.Create(Sealed, GrainKeys.For(tenantId, Convert.ToHexStringLower(mac[..NameBytes])));
    }

    private byte[] Seal(byte[] spillKey, IdempotencyRecord record)
    {
        var plain = serializer.SerializeToArray(record);
        var sealedData = new byte[NonceSize + TagSize + plain.Length];
        var nonce = sealedData.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce); // a fresh key per user and a random nonce per answer: no nonce repeats in practice
        using var aes = new AesGcm(spillKey.AsSpan(IdempotencyLog.SpillKeyHalf), TagSize);
        aes.Encrypt(nonce, plain, sealedData.AsSpan(NonceSize + TagSize), sealedData.AsSpan(NonceSize, TagSize));
        return sealedData;
    }

    /// <summary>The answer, or null when the data was not sealed with this key (nothing that would answer).</summary>
    private IdempotencyRecord? Open(byte[] spillKey, byte[] data)
    {
        if (data.Length < NonceSize + TagSize) return null;
        var plain = new byte[data.Length - NonceSize - TagSize];
        using var aes = new AesGcm(spillKey.AsSpan(IdempotencyLog.SpillKeyHalf), TagSize);
        try
        {
            aes.Decrypt(data.AsSpan(0, NonceSize), data.AsSpan(NonceSize + TagSize), data.AsSpan(NonceSize, TagSize), plain);
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
        return serializer.Deserialize(plain);
    }
}
