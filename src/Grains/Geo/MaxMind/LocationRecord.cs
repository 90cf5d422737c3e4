using MaxMind.Db;

namespace RiskEngine.Geo.MaxMind;

public sealed class LocationRecord
{
    [Constructor]
    public LocationRecord([MapKey("latitude")] double? latitude, [MapKey("longitude")] double? longitude) =>
        (Latitude, Longitude) = (latitude, longitude);

    public double? Latitude { get; }
    public double? Longitude { get; }
}
