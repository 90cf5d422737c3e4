using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using RiskEngine.Hosting;

namespace RiskEngine.Api.Telemetry;

public static class TelemetryExtensions
{
    /// <summary>
    /// The engine's telemetry (<see cref="TelemetryHostingExtensions"/>) with ASP.NET Core's: its request metrics and
    /// spans, and <c>/metrics</c> on the API's own port unless metrics have a port of their own.
    /// </summary>
    public static IHostApplicationBuilder AddRiskEngineTelemetry(this IHostApplicationBuilder builder)
    {
        var ownPort = RiskEngineHostingExtensions.PrometheusPort(builder.Configuration) is not null;
        return builder.AddRiskEngineTelemetry("riskengine-api",
            metrics =>
            {
                metrics.AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel");
                if (!ownPort) metrics.AddPrometheusExporter();
            },
            tracing => tracing.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation());
    }

    /// <summary><c>/metrics</c> on the API's own port, unless metrics have a port of their own.</summary>
    public static void MapRiskEngineMetrics(this WebApplication app)
    {
        if (RiskEngineHostingExtensions.PrometheusPort(app.Configuration) is null) app.MapPrometheusScrapingEndpoint("/metrics");
    }
}
