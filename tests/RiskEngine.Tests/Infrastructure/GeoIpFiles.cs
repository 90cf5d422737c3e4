namespace RiskEngine.Tests.Infrastructure;

/// <summary>
/// MaxMind's public test databases, read in place from the workspace's <c>shared/geoip</c> (never copied
/// into the repository): <c>RISKENGINE_TEST_GEOIP</c>, else the nearest ancestor folder holding <c>shared/geoip</c>.
/// </summary>
public static class GeoIpFiles
{
    public static readonly string Directory = Find();

    public static string City => Path.Combine(Directory, "GeoIP2-City-Test.mmdb");
    public static string Asn => Path.Combine(Directory, "GeoLite2-ASN-Test.mmdb");
    public static string AnonymousIp => Path.Combine(Directory, "GeoIP2-Anonymous-IP-Test.mmdb");

    /// <summary>The engine's lookup over all three databases.</summary>
    public static RiskEngine.Geo.GeoIpLookup Open() =>
        new(new() { CityDatabase = City, AsnDatabase = Asn, AnonymousIpDatabase = AnonymousIp }, Microsoft.Extensions.Logging.Abstractions.NullLogger<RiskEngine.Geo.GeoIpLookup>.Instance);

    private static string Find()
    {
        if (Environment.GetEnvironmentVariable("RISKENGINE_TEST_GEOIP") is { Length: > 0 } configured) return configured;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "geoip");
            if (File.Exists(Path.Combine(candidate, "GeoIP2-City-Test.mmdb"))) return candidate;
        }
        throw new InvalidOperationException("GeoIP test databases not found: set RISKENGINE_TEST_GEOIP to the shared/geoip folder");
    }
}
