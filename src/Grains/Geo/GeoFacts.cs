namespace RiskEngine.Geo;

/// <summary>What GeoIP knows of one address. Default: nothing known.</summary>
public readonly record struct GeoFacts(
    string? CountryCode,
    GeoPoint? Location,
    uint Asn,
    bool IsAnonymous)
{
    /// <summary>No country for this address: the City database is missing or has no record of it.</summary>
    public bool Unavailable => CountryCode is null;
}
