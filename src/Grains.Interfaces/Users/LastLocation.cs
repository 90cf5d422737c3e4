namespace RiskEngine.Users;

/// <summary>Where the user's address last placed them (GeoIP city level), for the impossible-travel signal.</summary>
[GenerateSerializer, Immutable, Alias("LastLocation")]
public sealed record LastLocation([property: Id(0)] double Latitude, [property: Id(1)] double Longitude, [property: Id(2)] DateTime At);
