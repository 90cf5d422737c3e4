using RiskEngine.Decisions;

namespace RiskEngine.Users;

/// <summary>The first answer an idempotency key got, with what identifies its request and when it came.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("IdempotencyRecord")]
public sealed class IdempotencyRecord
{
    [Id(0)] public required string Key { get; init; }
    [Id(1)] public required ulong Fingerprint { get; init; }
    [Id(2)] public required DateTime At { get; init; }
    [Id(3)] public required DecisionResult Result { get; init; }
}
