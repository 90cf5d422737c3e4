using MaxMind.Db;

namespace RiskEngine.Geo.MaxMind;

/// <summary>A GeoLite2 ASN record.</summary>
public sealed class AsnRecord
{
    [Constructor]
    public AsnRecord([MapKey("autonomous_system_number")] long? number) => Number = number;

    public long? Number { get; }
}
