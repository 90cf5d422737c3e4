namespace RiskEngine.Geo;

/// <summary>Paths of MaxMind databases (<c>RiskEngine__GeoIp__…</c>). Any may be left unset.</summary>
public sealed class GeoIpOptions
{
    public string? CityDatabase { get; set; }
    public string? AsnDatabase { get; set; }
    public string? AnonymousIpDatabase { get; set; }
}
