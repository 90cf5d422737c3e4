namespace RiskEngine.Users;

/// <summary>A network (<c>81.2.69.0/24</c>), country (<c>GB</c>) or ASN (<c>AS1234</c>) the user is known on.</summary>
[GenerateSerializer, Immutable, Alias("KnownValue")]
public sealed record KnownValue([property: Id(0)] string Value, [property: Id(1)] DateTime FirstSeen, [property: Id(2)] DateTime LastSeen);
