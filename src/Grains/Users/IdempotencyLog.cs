using System.Buffers;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace RiskEngine.Users;

/// <summary>
/// The answers a user's idempotency keys got in the last 24 h, kept apart from the profile so requests
/// without a key never write it. The log holds the newest <see cref="Limit"/>; an older one still within its
/// 24 h leaves it only once kept on its own (<see cref="SpilledAnswers"/>), and
/// <see cref="SpilledUntil"/> says until when a key missing here may still have an answer there.
/// </summary>
[GenerateSerializer, Alias("IdempotencyLog")]
public sealed class IdempotencyLog
{
    public const int Limit = 64;
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    [Id(0)] public List<IdempotencyRecord> Records { get; set; } = [];
    [Id(1)] public DateTime SpilledUntil { get; set; }

    /// <summary>
    /// The user's own key for the answers kept apart (<see cref="SpilledAnswers"/>): its first half names them, its
    /// second seals them. Made with the first answer kept apart; gone with the log when the user is deleted.
    /// </summary>
    [Id(2)] public byte[]? SpillKey { get; set; }

    /// <summary>Until when answers kept apart by engines before <see cref="SpillKey"/> (unsealed) may still answer.</summary>
    [Id(3)] public DateTime LegacySpilledUntil { get; set; }

    public const int SpillKeyHalf = 32;

    /// <summary>The first answer to this key in the log, or null when the key is not there or older than 24 h.</summary>
    /// <exception cref="IdempotencyKeyReusedException">the key came with a different request.</exception>
    public DecisionResult? Find(string key, ulong fingerprint, DateTime now)
    {
        foreach (var record in Records)
            if (record.Key == key) return Answer(record, fingerprint, now);
        return null;
    }

    /// <summary>Whether a key not in the log may still have its answer kept outside it.</summary>
    public bool MayHaveSpilled(DateTime now) => now < SpilledUntil;

    /// <summary>Whether a key not in the log may have its answer kept apart, unsealed, by an engine before <see cref="SpillKey"/>.</summary>
    public bool MayHaveLegacySpills(DateTime now) => SpillKey is null ? MayHaveSpilled(now) : now < LegacySpilledUntil;

    /// <summary>The log's <see cref="SpillKey"/>, made now if it has none (what was kept apart until now was kept unsealed).</summary>
    public byte[] EnsureSpillKey()
    {
        if (SpillKey is null)
        {
            LegacySpilledUntil = SpilledUntil;
            SpillKey = RandomNumberGenerator.GetBytes(2 * SpillKeyHalf);
        }
        return SpillKey;
    }

    /// <summary>The record's answer for a request with this fingerprint; null once its 24 h are over.</summary>
    /// <exception cref="IdempotencyKeyReusedException">the key came with a different request.</exception>
    public static DecisionResult? Answer(IdempotencyRecord record, ulong fingerprint, DateTime now)
    {
        if (now - record.At >= Window) return null;
        if (record.Fingerprint != fingerprint) throw new IdempotencyKeyReusedException();
        return record.Result;
    }

    /// <summary>
    /// Drops what is over 24 h old and any earlier answer to <paramref name="key"/>; returns the answer that
    /// <see cref="Add"/> will then push out, still within its 24 h: keep it elsewhere first.
    /// </summary>
    public IdempotencyRecord? MakeRoom(string key, DateTime now)
    {
        Records.RemoveAll(r => r.Key == key || now - r.At >= Window);
        return Records.Count >= Limit ? Records[0] : null;
    }

    public void Add(string key, ulong fingerprint, DecisionResult result, DateTime now)
    {
        if (MakeRoom(key, now) is { } leaving)
        {
            Records.RemoveAt(0);
            if (leaving.At + Window > SpilledUntil) SpilledUntil = leaving.At + Window;
        }
        Records.Add(new IdempotencyRecord { Key = key, Fingerprint = fingerprint, At = now, Result = result });
    }

    /// <summary>What makes two requests "the same": everything the platform sent that the decision depends on.</summary>
    /// <remarks>Stored with each kept answer, so the bytes hashed never change. Hashed in one go from the stack (a
    /// streaming hash would be an allocation per keyed request); a pooled buffer should a device id not fit.</remarks>
    public static ulong Fingerprint(DecisionRequest request)
    {
        const int StackLimit = 1024;
        var device = MemoryMarshal.AsBytes(request.DeviceId.AsSpan());
        var currency = MemoryMarshal.AsBytes((request.Currency ?? "").AsSpan());
        var length = 1 + device.Length + 16 + 16 + currency.Length;
        byte[]? rented = null;
        var bytes = length <= StackLimit ? stackalloc byte[length] : rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var at = 0;
            bytes[at++] = (byte)request.Action;
            device.CopyTo(bytes[at..]);
            at += device.Length;
            request.Ip.TryWriteBytes(bytes[at..], out var written);
            at += written;
            if (request.Amount is { } amount)
            {
                decimal.GetBits(amount, MemoryMarshal.Cast<byte, int>(bytes.Slice(at, 16)));
                at += 16;
            }
            currency.CopyTo(bytes[at..]);
            return XxHash3.HashToUInt64(bytes[..(at + currency.Length)]);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
