using RiskEngine.Geo;
using RiskEngine.Load.Scenarios;

namespace RiskEngine.Tests.Load;

public sealed class PlatformUserTests : IDisposable
{
    private readonly GeoIpLookup _geo = GeoIpFiles.Open();

    public void Dispose() => _geo.Dispose();

    [Fact]
    public void No_simulated_user_lives_behind_an_anonymising_network()
    {
        // A home network that is a VPN or Tor exit makes every decision of that user step up: the load's
        // "mostly known device and network" would not be what the engine sees.
        var anonymous = Enumerable.Range(0, 10_000)
            .Select(rank => PlatformUser.Of("u", rank).Ip)
            .Count(ip => _geo.Lookup(IPAddress.Parse(ip)).IsAnonymous);

        Assert.Equal(0, anonymous);
    }
}
