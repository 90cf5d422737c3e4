using RiskEngine.Tests.StepUps;

namespace RiskEngine.Tests.Observability;

/// <summary>
/// The step-up engine (tenant <c>acme</c>, callbacks to a fake platform) with a decide-only key too, and
/// traces and metrics exported over OTLP/HTTP to a fake collector on loopback.
/// </summary>
public sealed class ObservabilityFixture : IAsyncLifetime
{
    public const string DecideOnlyKey = "acme-decide-only-0123456789";

    public FakeHttpServer Platform { get; private set; } = null!;
    public FakeHttpServer Collector { get; private set; } = null!;
    public CallbackInbox Callbacks { get; private set; } = null!;
    public Engine Engine { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Platform = await FakeHttpServer.StartAsync();
        Collector = await FakeHttpServer.StartAsync();
        Callbacks = new CallbackInbox(Platform);
        var settings = StepUpFixture.Settings(Platform.Url);
        settings[$"RiskEngine:Tenants:{StepUpFixture.Tenant}:ApiKeys:1:Key"] = DecideOnlyKey;
        settings[$"RiskEngine:Tenants:{StepUpFixture.Tenant}:ApiKeys:1:Scopes"] = "decide";
        settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = Collector.Url;
        settings["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        settings["OTEL_BSP_SCHEDULE_DELAY"] = "200";
        Engine = new Engine(settings);
        Engine.StartServer();
    }

    public async ValueTask DisposeAsync()
    {
        await Engine.DisposeAsync();
        await Collector.DisposeAsync();
        await Platform.DisposeAsync();
    }
}
