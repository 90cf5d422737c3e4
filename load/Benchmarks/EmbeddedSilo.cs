using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RiskEngine.Geo;
using RiskEngine.Hosting;

namespace RiskEngine.Benchmarks;

/// <summary>The engine's silo as embedded mode runs it (in-memory state, sandbox provider), without HTTP.</summary>
public static class EmbeddedSilo
{
    public static async Task<IHost> StartAsync(int siloPort, GeoIpOptions? geoIp = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var settings = new Dictionary<string, string?>
        {
            ["Orleans:Endpoints:SiloPort"] = siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RiskEngine:PublicBaseUrl"] = "http://localhost:5080",
            ["Logging:LogLevel:Default"] = "Warning",
            // The load's mix opens far more sessions for new devices than a Didit key's rate limit: as load/bench.sh does.
            ["RiskEngine:Didit:NewDeviceSessionsPerMinute"] = "1000000000",
        };
        if (geoIp is not null)
        {
            settings["RiskEngine:GeoIp:CityDatabase"] = geoIp.CityDatabase;
            settings["RiskEngine:GeoIp:AsnDatabase"] = geoIp.AsnDatabase;
            settings["RiskEngine:GeoIp:AnonymousIpDatabase"] = geoIp.AnonymousIpDatabase;
        }
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddRiskEngineSilo(gatewayByDefault: false);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
