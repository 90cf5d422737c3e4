using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using RiskEngine.Configuration;
using RiskEngine.Telemetry;

namespace RiskEngine.Hosting;

/// <summary>
/// What the API and the standalone silo export alike. Metrics: the engine's own, Orleans' and HttpClient's, in
/// Prometheus format on <c>RiskEngine__PrometheusPort</c> when set (the API otherwise serves them at <c>/metrics</c>).
/// Traces, and metrics over OTLP, when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; without it no span is ever started,
/// so the decision path pays nothing for tracing.
/// </summary>
public static class TelemetryHostingExtensions
{
    /// <summary>Tag combinations kept per library instrument; beyond it they count as one overflow.</summary>
    private const int LibraryCardinalityLimit = 200;

    /// <param name="metrics">the host's own meters and exporters, beside the engine's.</param>
    /// <param name="tracing">the host's own span sources, beside the engine's.</param>
    /// <param name="countersAtZero">adds zero to the label sets of the host's counters that alerts watch, at start.</param>
    public static IHostApplicationBuilder AddRiskEngineTelemetry(this IHostApplicationBuilder builder, string serviceName,
        Action<MeterProviderBuilder>? metrics = null, Action<TracerProviderBuilder>? tracing = null,
        Action<RiskEngineOptions>? countersAtZero = null)
    {
        var otlp = RiskEngineHostingExtensions.TracingEnabled(builder.Configuration);
        var port = RiskEngineHostingExtensions.PrometheusPort(builder.Configuration);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(m =>
            {
                m.AddMeter(RiskEngineTelemetry.Name, "Microsoft.Orleans", "System.Net.Http");
                // The SDK sets aside room for 2,000 tag combinations per instrument up front (144 KB each, 15 MB for the
                // ~100 instruments of the API); the libraries' instruments use a few dozen. The engine's own, tagged by
                // tenant, keep it.
                m.AddView(instrument => instrument.Meter.Name == RiskEngineTelemetry.Name ? null : new MetricStreamConfiguration { CardinalityLimit = LibraryCardinalityLimit });
                if (port is { } p)
                    m.AddPrometheusHttpListener(o => (o.Port, o.ConfigureHttpListener) = (p, (_, l) => RiskEngineHostingExtensions.ListenOnEveryInterface(l, p)));
                if (otlp) m.AddOtlpExporter();
                metrics?.Invoke(m);
            });
        if (countersAtZero is not null)
            builder.Services.AddHostedService(sp =>
            {
                sp.GetRequiredService<MeterProvider>(); // built, and so collecting, before the zeros are added
                var options = sp.GetRequiredService<IOptions<RiskEngineOptions>>().Value;
                return new CountersAtZero(() => countersAtZero(options));
            });
        if (otlp)
            telemetry.WithTracing(t =>
            {
                t.AddSource(RiskEngineTelemetry.Name, "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application").AddOtlpExporter();
                tracing?.Invoke(t);
            });
        return builder;
    }
}
