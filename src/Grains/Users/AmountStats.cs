namespace RiskEngine.Users;

/// <summary>Running mean of a user's allowed transfers in one currency.</summary>
[GenerateSerializer, Alias("AmountStats")]
public struct AmountStats
{
    [Id(0)] public string Currency;
    [Id(1)] public int Count;
    [Id(2)] public decimal Mean;
    [Id(3)] public DateTime LastAt;
}
