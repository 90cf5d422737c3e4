using MaxMind.Db;

namespace RiskEngine.Geo.MaxMind;

/// <summary>The two parts of a GeoIP2/GeoLite2 City record the engine uses; nothing else is decoded.</summary>
public sealed class CityRecord
{
    [Constructor]
    public CityRecord([MapKey("country")] CountryRecord? country, [MapKey("location")] LocationRecord? location) =>
        (Country, Location) = (country, location);

    public CountryRecord? Country { get; }
    public LocationRecord? Location { get; }
}
