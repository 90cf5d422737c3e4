using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using RiskEngine.Hosting;
using RiskEngine.Telemetry;

namespace RiskEngine.Api.Telemetry;

public static class TelemetryExtensions
{
    /// <summary>Tag combinations kept per instrument of Orleans, ASP.NET Core and HttpClient; beyond it they count as one overflow.</summary>
    private const int LibraryCardinalityLimit = 200;

    /// <summary>
    /// Metrics always, in Prometheus format: the engine's own, Orleans', ASP.NET Core's and HttpClient's, scraped at
    /// <c>/metrics</c>, or with <c>RiskEngine__PrometheusPort</c> on that port only, off the platform-facing one.
    /// Traces, and metrics over OTLP, when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; without it no span is ever
    /// started, so the decision path pays nothing for tracing.
    /// </summary>
    public static IHostApplicationBuilder AddRiskEngineTelemetry(this IHostApplicationBuilder builder)
    {
        var otlp = RiskEngineHostingExtensions.TracingEnabled(builder.Configuration);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("riskengine-api"))
            .WithMetrics(metrics =>
        {
            metrics.AddMeter(RiskEngineTelemetry.Name, "Microsoft.Orleans", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http");
            // The SDK sets aside room for 2,000 tag combinations per instrument up front (144 KB each, 15 MB for the ~100
            // instruments here); the libraries' instruments use a few dozen. The engine's own, tagged by tenant, keep it.
            metrics.AddView(instrument => instrument.Meter.Name == RiskEngineTelemetry.Name ? null : new MetricStreamConfiguration { CardinalityLimit = LibraryCardinalityLimit });
            if (RiskEngineHostingExtensions.PrometheusPort(builder.Configuration) is { } port)
                metrics.AddPrometheusHttpListener(o => (o.Port, o.ConfigureHttpListener) = (port, (_, l) => RiskEngineHostingExtensions.ListenOnEveryInterface(l, port)));
            else metrics.AddPrometheusExporter();
            if (otlp) metrics.AddOtlpExporter();
        });
        if (otlp)
            telemetry.WithTracing(tracing => tracing
                .AddSource(RiskEngineTelemetry.Name, "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddOtlpExporter());
        return builder;
    }

    /// <summary><c>/metrics</c> on the API's own port, unless metrics have a port of their own.</summary>
    public static void MapRiskEngineMetrics(this WebApplication app)
    {
        if (RiskEngineHostingExtensions.PrometheusPort(app.Configuration) is null) app.MapPrometheusScrapingEndpoint("/metrics");
    }
}
