namespace RiskEngine.Users;

[GenerateSerializer, Alias("IdempotencyRecordState")]
public sealed class IdempotencyRecordState
{
    [Id(0)] public IdempotencyRecord? Record { get; set; }
}
