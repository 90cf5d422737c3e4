using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using RiskEngine.Api.Webhooks;
using RiskEngine.Hosting;
using RiskEngine.Telemetry;

namespace RiskEngine.Api.Telemetry;

public static class TelemetryExtensions
{
    /// <summary>
    /// The engine's telemetry (<see cref="TelemetryHostingExtensions"/>) with ASP.NET Core's: its request metrics and
    /// spans, and <c>/metrics</c> on the API's own port unless metrics have a port of their own.
    /// </summary>
    /// <param name="hostsGrains">the API hosts a silo (embedded mode), so the grains' counters start at zero here too.</param>
    public static IHostApplicationBuilder AddRiskEngineTelemetry(this IHostApplicationBuilder builder, bool hostsGrains)
    {
        var ownPort = RiskEngineHostingExtensions.PrometheusPort(builder.Configuration) is not null;
        return builder.AddRiskEngineTelemetry("riskengine-api",
            metrics =>
            {
                metrics.AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel");
                if (!ownPort) metrics.AddPrometheusExporter();
            },
            tracing => tracing.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation(),
            options =>
            {
                foreach (var reason in WebhookRejectionReasons.All)
                    RiskEngineTelemetry.WebhookRejections.Add(0, new KeyValuePair<string, object?>("reason", reason));
                foreach (var tenant in options.Tenants.Keys)
                    RiskEngineTelemetry.RateLimited.Add(0, new KeyValuePair<string, object?>("tenant", tenant));
                if (hostsGrains) RiskEngineTelemetry.StartGrainCountersAtZero(options);
            });
    }

    /// <summary><c>/metrics</c> on the API's own port, unless metrics have a port of their own.</summary>
    public static void MapRiskEngineMetrics(this WebApplication app)
    {
        if (RiskEngineHostingExtensions.PrometheusPort(app.Configuration) is null) app.MapPrometheusScrapingEndpoint("/metrics");
    }
}
