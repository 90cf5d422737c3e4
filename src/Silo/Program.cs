using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Orleans.Dashboard;
using OpenTelemetry.Trace;
using RiskEngine.Hosting;
using RiskEngine.Telemetry;

// A standalone silo: grains only, no HTTP. API fronts in client mode reach it through its gateway.
var builder = Host.CreateApplicationBuilder(args);
builder.AddRiskEngineSilo(gatewayByDefault: true, silo => silo.AddDashboard());

// Metrics: Prometheus on RiskEngine__PrometheusPort when set; metrics and traces over OTLP with OTEL_EXPORTER_OTLP_ENDPOINT.
var prometheusPort = RiskEngineHostingExtensions.PrometheusPort(builder.Configuration);
var otlp = RiskEngineHostingExtensions.TracingEnabled(builder.Configuration);
var telemetry = builder.Services.AddOpenTelemetry()
    .ConfigureResource(resource => resource.AddService("riskengine-silo"))
    .WithMetrics(metrics =>
    {
        metrics.AddMeter(RiskEngineTelemetry.Name, "Microsoft.Orleans", "System.Net.Http");
        if (prometheusPort is { } port)
            metrics.AddPrometheusHttpListener(o => (o.Port, o.ConfigureHttpListener) = (port, (_, l) => RiskEngineHostingExtensions.ListenOnEveryInterface(l, port)));
        if (otlp) metrics.AddOtlpExporter();
    });
if (otlp) telemetry.WithTracing(tracing => tracing.AddSource(RiskEngineTelemetry.Name, "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application").AddOtlpExporter());

builder.Build().Run();
