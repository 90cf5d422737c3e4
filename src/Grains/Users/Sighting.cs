namespace RiskEngine.Users;

/// <summary>Something the user was seen with (a device, network, country or ASN), first and last seen.</summary>
[GenerateSerializer, Alias("Sighting`1")]
public struct Sighting<TKey> where TKey : IEquatable<TKey>
{
    [Id(0)] public TKey Key;
    [Id(1)] public DateTime FirstSeen;
    [Id(2)] public DateTime LastSeen;
}
