using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace RiskEngine.Users;

/// <summary>
/// The answers a user's idempotency keys got in the last 24 h (the newest <see cref="Limit"/> of them),
/// kept apart from the profile so requests without a key never write it.
/// </summary>
[GenerateSerializer, Alias("IdempotencyLog")]
public sealed class IdempotencyLog
{
    public const int Limit = 64;
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    [Id(0)] public List<IdempotencyRecord> Records { get; set; } = [];

    /// <summary>The first answer to this key, or null when the key is new or older than 24 h.</summary>
    /// <exception cref="IdempotencyKeyReusedException">the key came with a different request.</exception>
    public DecisionResult? Find(string key, ulong fingerprint, DateTime now)
    {
        foreach (var record in Records)
        {
            if (record.Key != key || now - record.At >= Window) continue;
            if (record.Fingerprint != fingerprint) throw new IdempotencyKeyReusedException();
            return record.Result;
        }
        return null;
    }

    public void Add(string key, ulong fingerprint, DecisionResult result, DateTime now)
    {
        Records.RemoveAll(r => r.Key == key || now - r.At >= Window);
        if (Records.Count == Limit) Records.RemoveAt(0);
        Records.Add(new IdempotencyRecord { Key = key, Fingerprint = fingerprint, At = now, Result = result });
    }

    /// <summary>What makes two requests "the same": everything the platform sent that the decision depends on.</summary>
    public static ulong Fingerprint(DecisionRequest request)
    {
        var hash = new XxHash3();
        Span<byte> scratch = stackalloc byte[16];
        hash.Append([(byte)request.Action]);
        hash.Append(MemoryMarshal.AsBytes(request.DeviceId.AsSpan()));
        request.Ip.TryWriteBytes(scratch, out var written);
        hash.Append(scratch[..written]);
        if (request.Amount is { } amount)
        {
            decimal.GetBits(amount, MemoryMarshal.Cast<byte, int>(scratch));
            hash.Append(scratch);
        }
        hash.Append(MemoryMarshal.AsBytes((request.Currency ?? "").AsSpan()));
        return hash.GetCurrentHashAsUInt64();
    }
}
