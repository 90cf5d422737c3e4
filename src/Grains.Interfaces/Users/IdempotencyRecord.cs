using RiskEngine.Decisions;

namespace RiskEngine.Users;

/// <summary>The first answer an idempotency key got, with what identifies its request and when it came.</summary>
/// <remarks>
/// The answer is kept serialized (<see cref="Answer"/>): one array instead of the answer's objects and their strings.
/// A user's log holds up to 64 for a day, so each keyed decision's answer outlives every young-generation collection
/// and was copied up the generations; as objects, kept answers were two fifths of what each gen1 collection promoted
/// (BENCHMARKS.md).
/// </remarks>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("IdempotencyRecord")]
public sealed class IdempotencyRecord
{
    [Id(0)] public required string Key { get; init; }
    [Id(1)] public required ulong Fingerprint { get; init; }
    [Id(2)] public required DateTime At { get; init; }
    /// <summary>The answer as engines before <see cref="Answer"/> kept it: read from what they stored, never written.</summary>
    [Id(3)] public DecisionResult? Result { get; init; }

    /// <summary>The answer, serialized by Orleans' serializer.</summary>
    [Id(4)] public byte[]? Answer { get; init; }
}
