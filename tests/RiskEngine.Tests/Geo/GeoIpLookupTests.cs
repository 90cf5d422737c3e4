using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RiskEngine.Geo;
using RiskEngine.Users;

namespace RiskEngine.Tests.Geo;

public sealed class GeoIpLookupTests : IDisposable
{
    private readonly GeoIpLookup _geo = GeoIpFiles.Open();

    public void Dispose() => _geo.Dispose();

    [Fact]
    public void City_database_gives_country_and_coordinates()
    {
        var boxford = _geo.Lookup(IPAddress.Parse("2.125.160.216"));

        Assert.Equal("GB", boxford.CountryCode);
        Assert.Equal(new GeoPoint(51.75, -1.25), boxford.Location);
        Assert.False(boxford.Unavailable);
    }

    [Fact]
    public void Asn_database_gives_the_autonomous_system()
    {
        Assert.Equal(1221u, _geo.Lookup(IPAddress.Parse("1.128.0.1")).Asn);
        Assert.Equal(7018u, _geo.Lookup(IPAddress.Parse("12.81.92.1")).Asn);
    }

    [Theory]
    [InlineData("65.0.0.1")]      // Tor exit
    [InlineData("1.2.0.1")]       // VPN
    [InlineData("81.2.69.142")]   // VPN, Tor, hosting, proxies
    public void Anonymous_ip_database_flags_tor_vpn_and_proxies(string ip)
    {
        Assert.True(_geo.Lookup(IPAddress.Parse(ip)).IsAnonymous);
    }

    [Fact]
    public void An_ordinary_address_is_not_anonymous()
    {
        Assert.False(_geo.Lookup(IPAddress.Parse("2.125.160.216")).IsAnonymous);
    }

    [Fact]
    public void An_address_the_city_database_does_not_know_is_geo_unavailable()
    {
        Assert.True(_geo.Lookup(IPAddress.Parse("10.0.0.1")).Unavailable);
    }

    [Fact]
    public void Missing_databases_make_geo_unavailable_without_failing()
    {
        using var none = new GeoIpLookup(new GeoIpOptions { CityDatabase = "/nonexistent/City.mmdb" }, NullLogger<GeoIpLookup>.Instance);

        var facts = none.Lookup(IPAddress.Parse("2.125.160.216"));

        Assert.Equal(default, facts);
        Assert.True(facts.Unavailable);
    }

    [Fact]
    public void A_missing_database_is_logged_with_the_full_path_a_relative_one_resolved_to()
    {
        using var logs = new LogSink();
        var relative = Path.Combine("..", "no-such-folder", "City.mmdb");

        using var factory = new LoggerFactory([logs]);

        using var none = new GeoIpLookup(new GeoIpOptions { CityDatabase = relative }, factory.CreateLogger<GeoIpLookup>());

        var error = Assert.Single(logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal));
        Assert.Contains($"not found at {Path.GetFullPath(relative)}:", error);
    }

    [Fact]
    public void A_database_that_appears_or_is_replaced_after_start_is_used_within_a_minute()
    {
        var directory = Directory.CreateTempSubdirectory("riskengine-geoip-");
        var path = Path.Combine(directory.FullName, "GeoLite2-City.mmdb");
        var time = new FakeTimeProvider();
        var boxford = IPAddress.Parse("2.125.160.216");
        try
        {
            using var geo = new GeoIpLookup(new GeoIpOptions { CityDatabase = path }, NullLogger<GeoIpLookup>.Instance, time);
            var before = geo.Lookup(boxford);

            File.Copy(GeoIpFiles.City, path); // as geoipupdate's first download on a fresh deployment
            time.Advance(GeoIpLookup.RefreshInterval);
            var appeared = geo.Lookup(boxford);

            // As geoipupdate replaces it: a new file moved over the old one (here the ASN database, which knows no cities).
            var next = path + ".tmp";
            File.Copy(GeoIpFiles.Asn, next);
            File.SetLastWriteTimeUtc(next, File.GetLastWriteTimeUtc(path).AddMinutes(1));
            File.Move(next, path, overwrite: true);
            var stillOld = geo.Lookup(boxford);
            time.Advance(GeoIpLookup.RefreshInterval);
            var replaced = geo.Lookup(boxford);
            time.Advance(GeoIpLookup.RefreshInterval); // closes the replaced reader

            Assert.Null(before.CountryCode);
            Assert.Equal("GB", appeared.CountryCode);
            Assert.Equal("GB", stillOld.CountryCode);
            Assert.Null(replaced.CountryCode);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Boxford_then_Changchun_ten_minutes_later_is_impossible_travel()
    {
        var t0 = new DateTime(2026, 11, 28, 13, 0, 0, DateTimeKind.Utc);
        var profile = new UserProfile();
        var boxford = Observe("2.125.160.216", t0);
        profile.Record(in boxford, new Evaluation(Outcome.Allow, null, 0, ReasonSet.Empty), null);

        var changchun = Observe("175.16.199.1", t0.AddMinutes(10));
        var facts = profile.Measure(in changchun);
        var result = RiskEvaluator.Evaluate(in facts, Policy.Default);

        Assert.True(result.Reasons.Contains(Reason.ImpossibleTravel));
        Assert.True(result.Reasons.Contains(Reason.NewCountry));
        Assert.InRange(facts.TravelKm, 7_500, 8_500);
    }

    private Observation Observe(string ip, DateTime at) => Observation.From(
        new DecisionRequest(UserAction.Login, "dev-1", IPAddress.Parse(ip), null, null, new DateTimeOffset(at)), _geo.Lookup(IPAddress.Parse(ip)));
}
