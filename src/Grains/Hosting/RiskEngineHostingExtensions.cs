using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Persistence;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Storage;
using RiskEngine.Configuration;
using RiskEngine.Didit;
using RiskEngine.Geo;
using RiskEngine.Placement;
using RiskEngine.Users;
using StackExchange.Redis;

namespace RiskEngine.Hosting;

/// <summary>
/// How the engine's processes join the cluster. The silo is co-hosted by the API (embedded mode) or
/// standalone (<c>src/Silo</c>); an API in client mode joins as a cluster client. Without
/// <c>ConnectionStrings__Redis</c>: localhost clustering, in-memory state and reminders. With it: Redis
/// for membership, grain state and reminders.
/// </summary>
public static class RiskEngineHostingExtensions
{
    public const string DefaultServiceId = "riskengine";

    public const int DirectoryCacheSize = 100_000;

    public static IHostApplicationBuilder AddRiskEngineSilo(this IHostApplicationBuilder builder, bool gatewayByDefault, Action<ISiloBuilder>? configure = null)
    {
        var configuration = builder.Configuration;
        builder.Services.AddRiskEngineGrainServices(configuration);

        builder.UseOrleans(silo =>
        {
            var redis = RedisOptions(configuration);
            var siloPort = configuration.GetValue("Orleans:Endpoints:SiloPort", EndpointOptions.DEFAULT_SILO_PORT);
            var gatewayPort = configuration.GetValue("Orleans:Endpoints:GatewayPort", gatewayByDefault ? EndpointOptions.DEFAULT_GATEWAY_PORT : 0);
            var (clusterId, serviceId) = ClusterIds(configuration);

            configure?.Invoke(silo);
            if (TracingEnabled(configuration)) silo.AddActivityPropagation();
            // Failure detection: Orleans' defaults unless Orleans__Membership__… says otherwise.
            silo.Configure<ClusterMembershipOptions>(configuration.GetSection("Orleans:Membership"));
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout(configuration));
            // The addresses of grains this silo has called, kept to skip directory look-ups. Orleans keeps up to a
            // million; short-lived step-up sessions add one each (with the kept idempotency answers, then grains too,
            // they filled that in about 20 minutes at 3,000 decisions/s, some 300 bytes apiece); the least recently used go first.
            silo.Configure<GrainDirectoryOptions>(o => o.CacheSize = DirectoryCacheSize);
            if (redis is null)
            {
                silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: serviceId, clusterId: clusterId);
                silo.AddRiskEngineStorage(null).UseInProcessReminders();
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
            silo.AddRiskEngineStorage(redis);
            silo.UseRedisReminderService(o => o.ConfigurationOptions = redis);
        });
        return builder;
    }

    /// <summary>
    /// Grain state in Redis, or in memory without it, written with Orleans' own binary serializer: compact,
    /// version-tolerant through [Id], and it builds fresh objects on read (the JSON default populates
    /// existing ones in place, which once leaked one tenant's saved policy into the shared default).
    /// </summary>
    public static ISiloBuilder AddRiskEngineStorage(this ISiloBuilder silo, ConfigurationOptions? redis)
    {
        if (redis is null)
        {
            silo.Services.AddGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, static (sp, _) => InProcess(sp, null));
            silo.Services.AddGrainStorage(GrainPersistence.ExpiringStorage, static (sp, _) => InProcess(sp, GrainPersistence.ExpiringStorageLifetime));
            return silo;
        }
        return silo
            .AddRedisGrainStorageAsDefault(o => o.Configure<Serializer>((r, serializer) => Redis(r, serializer, null)))
            .AddRedisGrainStorage(GrainPersistence.ExpiringStorage, (OptionsBuilder<RedisStorageOptions> o) => o.Configure<Serializer>((r, serializer) =>
                Redis(r, serializer, GrainPersistence.ExpiringStorageLifetime))); // a key's 24 h start before its answer is kept here

        static InProcessGrainStorage InProcess(IServiceProvider sp, TimeSpan? lifetime) => new(
            new OrleansGrainStorageSerializer(sp.GetRequiredService<Serializer>()), sp.GetRequiredKeyedService<TimeProvider>(Clock.Key), lifetime);

        void Redis(RedisStorageOptions r, Serializer serializer, TimeSpan? expiry)
        {
            r.ConfigurationOptions = redis;
            r.DeleteStateOnClear = true; // forgetting a user deletes their keys, not just empties them
            r.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
            r.EntryExpiry = expiry;
        }
    }

    /// <summary>Reminders for embedded mode's one silo, in a table in its memory (<see cref="InProcessReminderTable"/>).</summary>
    public static ISiloBuilder UseInProcessReminders(this ISiloBuilder silo)
    {
        silo.AddReminders();
        silo.Services.AddSingleton<IReminderTable, InProcessReminderTable>();
        return silo;
    }

    /// <summary>Joins the cluster as a client (no grains here): through Redis' gateway list, or a local silo's gateway.</summary>
    public static IHostApplicationBuilder AddRiskEngineClient(this IHostApplicationBuilder builder, Action<IClientBuilder>? configure = null)
    {
        var configuration = builder.Configuration;
        builder.Services.AddRiskEngineOptions(configuration);
        builder.Services.AddSingleton<GrainReferenceCache>();
        builder.Services.AddSingleton<IClientConnectionRetryFilter, RetryConnectingForever>();
        builder.UseOrleansClient(client =>
        {
            configure?.Invoke(client);
            if (TracingEnabled(configuration)) client.AddActivityPropagation();
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout(configuration));
            var (clusterId, serviceId) = ClusterIds(configuration);
            if (RedisOptions(configuration) is { } redis)
            {
                client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, serviceId));
                client.UseRedisClustering(o => o.ConfigurationOptions = redis);
            }
            else
            {
                client.UseLocalhostClustering(configuration.GetValue("Orleans:Endpoints:GatewayPort", EndpointOptions.DEFAULT_GATEWAY_PORT), serviceId, clusterId);
            }
        });
        return builder;
    }

    /// <summary>
    /// How long a grain call may wait for its answer (<c>Orleans__Messaging__ResponseTimeout</c>). A person waits
    /// behind every decision, so 10 s rather than Orleans' 30 s: a call stranded on a silo that died ends as a
    /// retryable 503 before the platform's own timeout.
    /// </summary>
    private static TimeSpan ResponseTimeout(IConfiguration configuration) =>
        configuration.GetValue("Orleans:Messaging:ResponseTimeout", TimeSpan.FromSeconds(10));

    /// <summary>Traces (and the Orleans context they need) only when there is somewhere to send them: <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.</summary>
    public static bool TracingEnabled(IConfiguration configuration) => !string.IsNullOrEmpty(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

    /// <summary><c>RiskEngine__PrometheusPort</c>: Prometheus metrics on a port of their own, for the operators' network only.</summary>
    public static int? PrometheusPort(IConfiguration configuration) =>
        configuration.GetValue<int?>($"{RiskEngineOptions.Section}:{nameof(RiskEngineOptions.PrometheusPort)}");

    /// <summary>
    /// Points the Prometheus exporter's listener at every interface on <paramref name="port"/>, for a scraper on another
    /// machine: the exporter's own <c>Host</c> option takes a host name only (<c>*</c> fails its start).
    /// </summary>
    public static void ListenOnEveryInterface(System.Net.HttpListener listener, int port)
    {
        listener.Prefixes.Clear();
        listener.Prefixes.Add($"http://*:{port}/metrics/");
    }

    private static (string ClusterId, string ServiceId) ClusterIds(IConfiguration configuration) =>
        (configuration["Orleans:ClusterId"] ?? DefaultServiceId, configuration["Orleans:ServiceId"] ?? DefaultServiceId);

    /// <summary>What the grains need from the silo's container: options, clock, GeoIP, the step-up provider.</summary>
    public static IServiceCollection AddRiskEngineGrainServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRiskEngineOptions(configuration);
        services.AddSingleton<GrainReferenceCache>();
        services.AddSingleton(sp => new GeoIpLookup(sp.GetRequiredService<IOptions<RiskEngineOptions>>().Value.GeoIp,
            sp.GetRequiredService<ILogger<GeoIpLookup>>(), sp.GetRequiredKeyedService<TimeProvider>(Clock.Key)));

        var provider = configuration.GetValue($"{RiskEngineOptions.Section}:{nameof(RiskEngineOptions.Provider)}", ProviderKind.Sandbox);
        if (provider == ProviderKind.Didit)
            services.AddHttpClient<IStepUpProvider, DiditStepUpProvider>()
                .AddResilienceHandler("didit", DiditResilience.Configure)
                .SelectPipelineBy(static _ => DiditResilience.PipelineKey);
        else
            services.AddSingleton<IStepUpProvider, SandboxStepUpProvider>();

        services.AddSingleton<PolicyCache>();
        services.AddSingleton<DecisionSampler>();
        services.AddSingleton<SpilledAnswers>();
        services.AddSingleton<SessionOpener>();
        services.AddSingleton<SessionEraser>();
        services.AddSingleton<SessionReminders>();
        services.AddSingleton<DecisionSampleArchiver>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<DecisionSampleArchiver>());
        services.AddPlacementDirector<SiloPinnedPlacement, SiloPinnedPlacementDirector>();
        services.AddSingleton<CallbackSender>();
        services.AddHttpClient(CallbackSender.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(5))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        return services;
    }

    /// <summary>The Redis client settings from <c>ConnectionStrings__Redis</c>, or null in embedded mode.</summary>
    public static ConfigurationOptions? RedisOptions(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(connectionString)) return null;
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false; // start, report not-ready, and connect when Redis comes back
        // Replies complete on .NET's thread pool, where the grains and Kestrel already run, rather than on the client's
        // own threads: each Redis reply then costs no extra thread wake-up. The dedicated threads guard against a pool
        // starved by threads blocked on Redis; the engine awaits every Redis call (the readiness check's connection is
        // the one synchronous connect, once). With Redis, decisions/s up by a third to a half (BENCHMARKS.md).
        options.SocketManager = SocketManager.ThreadPool;
        return options;
    }
}
