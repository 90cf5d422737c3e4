namespace RiskEngine.Decisions;

/// <summary>The same idempotency key came back with a different request within its 24 h window.</summary>
[GenerateSerializer, Alias("IdempotencyKeyReusedException")]
public sealed class IdempotencyKeyReusedException : Exception
{
    public IdempotencyKeyReusedException() : base("This idempotency_key was already used for a different request.") { }
}
