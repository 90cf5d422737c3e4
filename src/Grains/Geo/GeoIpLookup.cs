using System.Net;
using MaxMind.Db;
using MaxMind.GeoIP2;
using Microsoft.Extensions.Logging;

namespace RiskEngine.Geo;

/// <summary>
/// MaxMind GeoIP2/GeoLite2 lookups. Each database is opened once, memory-mapped, and shared by every
/// grain of the silo (readers are thread-safe). A missing database only makes its facts unknown.
/// </summary>
public sealed class GeoIpLookup : IDisposable
{
    private readonly DatabaseReader? _city;
    private readonly DatabaseReader? _asn;
    private readonly DatabaseReader? _anonymous;

    public GeoIpLookup(GeoIpOptions options, ILogger<GeoIpLookup> logger)
    {
        _city = Open(options.CityDatabase, "City", logger);
        _asn = Open(options.AsnDatabase, "ASN", logger);
        _anonymous = Open(options.AnonymousIpDatabase, "Anonymous-IP", logger);
    }

    public GeoFacts Lookup(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();

        string? country = null;
        GeoPoint? location = null;
        if (_city is not null && _city.TryCity(address, out var city) && city is not null)
        {
            country = city.Country.IsoCode;
            if (city.Location is { HasCoordinates: true, Latitude: { } lat, Longitude: { } lon }) location = new GeoPoint(lat, lon);
        }

        uint asn = 0;
        if (_asn is not null && _asn.TryAsn(address, out var asnResponse) && asnResponse?.AutonomousSystemNumber is { } number)
            asn = (uint)number;

        var anonymous = _anonymous is not null && _anonymous.TryAnonymousIP(address, out var anon) && anon is not null
            && (anon.IsAnonymous || anon.IsAnonymousVpn || anon.IsTorExitNode || anon.IsPublicProxy
                || anon.IsResidentialProxy || anon.IsHostingProvider);

        return new GeoFacts(country, location, asn, anonymous);
    }

    public void Dispose()
    {
        _city?.Dispose();
        _asn?.Dispose();
        _anonymous?.Dispose();
    }

    private static DatabaseReader? Open(string? path, string name, ILogger logger)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            logger.LogWarning("GeoIP {Database} database not configured: its signals are reported as geo_unavailable", name);
            return null;
        }
        if (!File.Exists(path))
        {
            logger.LogError("GeoIP {Database} database not found at {Path}: its signals are reported as geo_unavailable", name, path);
            return null;
        }
        return new DatabaseReader(path, FileAccessMode.MemoryMapped);
    }
}
