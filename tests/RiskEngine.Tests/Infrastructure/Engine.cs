using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using System.Text.RegularExpressions;

namespace RiskEngine.Tests.Infrastructure;

/// <summary>
/// The whole engine (API with its co-hosted silo) on real Kestrel on a free loopback port, with the real
/// GeoIP test databases, and a fake clock for the engine's own time. Embedded state unless a Redis
/// connection string is given.
/// </summary>
public sealed class Engine : WebApplicationFactory<Program>
{
    public const string ApiKey = "test-dev-key-0123456789abcdef";

    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    /// <param name="services">Replaces engine services after the engine registered its own.</param>
    public Engine(IDictionary<string, string?>? settings = null, string? redis = null, string? serviceId = null, int? port = null,
        Action<IServiceCollection>? services = null)
    {
        _services = services;
        Port = port ?? FreePort.Next();
        _settings = new Dictionary<string, string?>
        {
            ["RiskEngine:DevApiKey"] = ApiKey,
            ["RiskEngine:PublicBaseUrl"] = BaseUrl,
            ["RiskEngine:GeoIp:CityDatabase"] = GeoIpFiles.City,
            ["RiskEngine:GeoIp:AsnDatabase"] = GeoIpFiles.Asn,
            ["RiskEngine:GeoIp:AnonymousIpDatabase"] = GeoIpFiles.AnonymousIp,
            ["Orleans:Endpoints:SiloPort"] = FreePort.Next().ToString(),
            ["Orleans:Endpoints:AdvertisedIPAddress"] = "127.0.0.1",
            ["Orleans:ServiceId"] = serviceId ?? "test-" + Guid.NewGuid().ToString("N"),
            ["Orleans:ClusterId"] = "test-" + Guid.NewGuid().ToString("N"),
        };
        if (redis is not null) _settings["ConnectionStrings:Redis"] = redis;
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) _settings[key] = value;
        UseKestrel(Port);
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>The engine's clock, starting at the real now; Orleans' own timers keep real time.</summary>
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>Every log line the engine wrote, at every level.</summary>
    public LogSink Logs { get; } = new();

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    public HttpClient Client(string? apiKey = ApiKey)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(BaseUrl) });
        if (apiKey is not null) client.DefaultRequestHeaders.Add("x-api-key", apiKey);
        return client;
    }

    /// <summary>
    /// Scrapes <c>/metrics</c> until every pattern matches, for 10 s at most: the exporter answers from its last scrape
    /// for a moment, so a first answer may predate what the test just did. Counts are this engine's since it started,
    /// plus what engines of other tests running meanwhile recorded of the engine's own (static) instruments.
    /// </summary>
    public Task<string> MetricsUntilAsync(params string[] patterns) => MetricsUntilAsync(text => patterns.All(p => Regex.IsMatch(text, p)));

    /// <summary>Scrapes <c>/metrics</c> until <paramref name="holds"/> of the text, for 10 s at most.</summary>
    public async Task<string> MetricsUntilAsync(Func<string, bool> holds)
    {
        using var anonymous = Client(apiKey: null);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var text = await anonymous.GetStringAsync("/metrics");
            if (holds(text) || DateTime.UtcNow > deadline) return text;
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Starts the engine without the test's execution context. Timers the silo creates at start (its thread-pool stall
    /// detector's among them) capture it, and xunit's test context in it holds that test's fixtures: timers still queued
    /// kept finished engines reachable, gigabytes of them by the end of the run (gcroot of a dump).
    /// </summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        using (ExecutionContext.SuppressFlow()) return base.CreateHost(builder);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.AddKeyedSingleton<TimeProvider>(Clock.Key, Time);
            _services?.Invoke(services);
        });
        builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
    }
}
