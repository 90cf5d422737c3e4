using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.TestingHost;
using RiskEngine.Hosting;

namespace RiskEngine.Tests.Grains;

/// <summary>An in-process Orleans cluster with the engine's real grain services, and embedded mode's storage and reminders.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public ClusterFixture()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo.AddRiskEngineStorage(null).UseInProcessReminders());
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["RiskEngine:GeoIp:CityDatabase"] = GeoIpFiles.City,
                ["RiskEngine:GeoIp:AsnDatabase"] = GeoIpFiles.Asn,
                ["RiskEngine:GeoIp:AnonymousIpDatabase"] = GeoIpFiles.AnonymousIp,
                ["RiskEngine:PublicBaseUrl"] = "http://engine.test",
            });
            host.Services.AddRiskEngineGrainServices(host.Configuration);
            host.Services.AddKeyedSingleton<TimeProvider>(Clock.Key, Time);
        });
        Cluster = builder.Build();
    }

    public InProcessTestCluster Cluster { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 28, 13, 0, 0, TimeSpan.Zero));

    public IGrainFactory Grains => Cluster.Client;

    public async ValueTask InitializeAsync() => await Cluster.DeployAsync();

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}
