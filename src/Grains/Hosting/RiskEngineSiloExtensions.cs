using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using RiskEngine.Configuration;
using RiskEngine.Geo;
using StackExchange.Redis;

namespace RiskEngine.Hosting;

/// <summary>
/// The silo as both hosts run it: co-hosted by the API (embedded mode) and standalone (<c>src/Silo</c>).
/// Without <c>ConnectionStrings__Redis</c>: localhost clustering, in-memory state and reminders.
/// With it: Redis for membership, grain state and reminders.
/// </summary>
public static class RiskEngineSiloExtensions
{
    public const string DefaultServiceId = "riskengine";

    public static IHostApplicationBuilder AddRiskEngineSilo(this IHostApplicationBuilder builder, bool gatewayByDefault)
    {
        var configuration = builder.Configuration;
        builder.Services.AddRiskEngineGrainServices(configuration);

        builder.UseOrleans(silo =>
        {
            var redis = RedisOptions(configuration);
            var siloPort = configuration.GetValue("Orleans:Endpoints:SiloPort", EndpointOptions.DEFAULT_SILO_PORT);
            var gatewayPort = configuration.GetValue("Orleans:Endpoints:GatewayPort", gatewayByDefault ? EndpointOptions.DEFAULT_GATEWAY_PORT : 0);
            var clusterId = configuration["Orleans:ClusterId"] ?? DefaultServiceId;
            var serviceId = configuration["Orleans:ServiceId"] ?? DefaultServiceId;

            if (redis is null)
            {
                silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: serviceId, clusterId: clusterId);
                silo.AddMemoryGrainStorageAsDefault();
                silo.UseInMemoryReminderService();
                return;
            }

            silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, serviceId));
            silo.Configure<EndpointOptions>(o =>
            {
                o.SiloPort = siloPort;
                o.GatewayPort = gatewayPort;
                if (configuration["Orleans:Endpoints:AdvertisedIPAddress"] is { } advertised) o.AdvertisedIPAddress = IPAddress.Parse(advertised);
            });
            silo.UseRedisClustering(o => o.ConfigurationOptions = redis);
            silo.AddRedisGrainStorageAsDefault(o => o.ConfigurationOptions = redis);
            silo.UseRedisReminderService(o => o.ConfigurationOptions = redis);
        });
        return builder;
    }

    /// <summary>What the grains need from the silo's container: options, clock, GeoIP, the step-up provider.</summary>
    public static IServiceCollection AddRiskEngineGrainServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRiskEngineOptions(configuration);
        services.AddSingleton(sp => new GeoIpLookup(
            sp.GetRequiredService<IOptions<RiskEngineOptions>>().Value.GeoIp, sp.GetRequiredService<ILogger<GeoIpLookup>>()));
        services.AddSingleton<IStepUpProvider, SandboxStepUpProvider>();
        return services;
    }

    /// <summary>The Redis client settings from <c>ConnectionStrings__Redis</c>, or null in embedded mode.</summary>
    public static ConfigurationOptions? RedisOptions(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(connectionString)) return null;
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false; // start, report not-ready, and connect when Redis comes back
        return options;
    }
}
