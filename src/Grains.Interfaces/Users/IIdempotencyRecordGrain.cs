namespace RiskEngine.Users;

/// <summary>
/// One idempotency key's answer after it left its user's log of the newest answers (a user with more keyed
/// decisions in 24 h than the log holds), kept until the key's 24 h are over. Key: <see cref="GrainKeys.ForUserItem"/>.
/// </summary>
[Alias("IIdempotencyRecordGrain")]
public interface IIdempotencyRecordGrain : IGrainWithStringKey
{
    /// <summary>The answer kept here, or null when none is (or its 24 h are over).</summary>
    [Alias("Get")]
    Task<IdempotencyRecord?> GetAsync();

    /// <summary>Stores the answer durably before returning.</summary>
    [Alias("Keep")]
    Task KeepAsync(IdempotencyRecord record);
}
