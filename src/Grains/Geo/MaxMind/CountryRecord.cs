using MaxMind.Db;

namespace RiskEngine.Geo.MaxMind;

public sealed class CountryRecord
{
    [Constructor]
    public CountryRecord([MapKey("iso_code")] string? isoCode) => IsoCode = isoCode;

    public string? IsoCode { get; }
}
