using System.Net;
using Microsoft.Extensions.Logging;
using RiskEngine.Geo.MaxMind;

namespace RiskEngine.Geo;

/// <summary>
/// MaxMind GeoIP2/GeoLite2 lookups. Each database is memory-mapped and shared by every grain of the silo
/// (readers are thread-safe). Records are decoded with MaxMind.Db's reader straight into the
/// few fields the engine uses: GeoIP2's DatabaseReader would materialise every localized city name
/// (8.7 µs and 8.8 KB per lookup on the decision path; see BENCHMARKS.md). A missing database only makes
/// its facts unknown, until it appears; a replaced file is picked up within <see cref="RefreshInterval"/>.
/// </summary>
public sealed class GeoIpLookup : IDisposable
{
    /// <summary>How often the files are checked for a new copy.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(1);

    private readonly GeoIpDatabase _city;
    private readonly GeoIpDatabase _asn;
    private readonly GeoIpDatabase _anonymous;
    private readonly ITimer? _refresh;

    /// <param name="refreshClock">When given, the files are checked every <see cref="RefreshInterval"/> and reopened when replaced.</param>
    public GeoIpLookup(GeoIpOptions options, ILogger<GeoIpLookup> logger, TimeProvider? refreshClock = null)
    {
        _city = new GeoIpDatabase(options.CityDatabase, "City", logger);
        _asn = new GeoIpDatabase(options.AsnDatabase, "ASN", logger);
        _anonymous = new GeoIpDatabase(options.AnonymousIpDatabase, "Anonymous-IP", logger);
        _refresh = refreshClock?.CreateTimer(_ => Refresh(), null, RefreshInterval, RefreshInterval);
    }

    public GeoFacts Lookup(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();

        var city = _city.Reader?.Find<CityRecord>(address);
        GeoPoint? location = city?.Location is { Latitude: { } lat, Longitude: { } lon } ? new GeoPoint(lat, lon) : null;
        var asn = _asn.Reader?.Find<AsnRecord>(address)?.Number is { } number ? (uint)number : 0;
        var anonymous = _anonymous.Reader?.Find<AnonymousIpRecord>(address)?.IsAnonymous ?? false;

        return new GeoFacts(city?.Country?.IsoCode, location, asn, anonymous);
    }

    public void Dispose()
    {
        _refresh?.Dispose();
        _city.Dispose();
        _asn.Dispose();
        _anonymous.Dispose();
    }

    private void Refresh()
    {
        _city.Refresh();
        _asn.Refresh();
        _anonymous.Refresh();
    }
}
