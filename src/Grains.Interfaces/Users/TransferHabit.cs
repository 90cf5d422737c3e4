namespace RiskEngine.Users;

/// <summary>The user's allowed transfers in one currency: how many, their mean, the last one's time.</summary>
[GenerateSerializer, Immutable, Alias("TransferHabit")]
public sealed record TransferHabit([property: Id(0)] string Currency, [property: Id(1)] int Count, [property: Id(2)] decimal Mean,
    [property: Id(3)] DateTime LastAt);
