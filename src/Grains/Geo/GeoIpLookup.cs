using System.Net;
using MaxMind.Db;
using Microsoft.Extensions.Logging;
using RiskEngine.Geo.MaxMind;

namespace RiskEngine.Geo;

/// <summary>
/// MaxMind GeoIP2/GeoLite2 lookups. Each database is opened once, memory-mapped, and shared by every grain
/// of the silo (readers are thread-safe). Records are decoded with MaxMind.Db's reader straight into the
/// few fields the engine uses: GeoIP2's DatabaseReader would materialise every localized city name
/// (8.7 µs and 8.8 KB per lookup on the decision path; see BENCHMARKS.md). A missing database only makes
/// its facts unknown.
/// </summary>
public sealed class GeoIpLookup : IDisposable
{
    private readonly Reader? _city;
    private readonly Reader? _asn;
    private readonly Reader? _anonymous;

    public GeoIpLookup(GeoIpOptions options, ILogger<GeoIpLookup> logger)
    {
        _city = Open(options.CityDatabase, "City", logger);
        _asn = Open(options.AsnDatabase, "ASN", logger);
        _anonymous = Open(options.AnonymousIpDatabase, "Anonymous-IP", logger);
    }

    public GeoFacts Lookup(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();

        var city = _city?.Find<CityRecord>(address);
        GeoPoint? location = city?.Location is { Latitude: { } lat, Longitude: { } lon } ? new GeoPoint(lat, lon) : null;
        var asn = _asn?.Find<AsnRecord>(address)?.Number is { } number ? (uint)number : 0;
        var anonymous = _anonymous?.Find<AnonymousIpRecord>(address)?.IsAnonymous ?? false;

        return new GeoFacts(city?.Country?.IsoCode, location, asn, anonymous);
    }

    public void Dispose()
    {
        _city?.Dispose();
        _asn?.Dispose();
        _anonymous?.Dispose();
    }

    private static Reader? Open(string? path, string name, ILogger logger)
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
        return new Reader(path, FileAccessMode.MemoryMapped);
    }
}
