namespace RiskEngine.Tests.Observability;

/// <summary>A standalone silo serves its metrics on <c>RiskEngine__PrometheusPort</c>, as docker-compose.yml sets it.</summary>
public sealed class SiloMetricsTests(SharedRedis redis)
{
    [Fact]
    public async Task A_standalone_silo_serves_prometheus_metrics_on_its_port_from_any_interface()
    {
        var port = FreePort.Next();
        var settings = SiloProcess.OwnCluster(await redis.ConnectionStringAsync());
        settings["RiskEngine:PrometheusPort"] = port.ToString();
        settings["RiskEngine:Tenants:quiet:ApiKeys:0:Key"] = "quiet-key-0123456789abcdef";
        settings["RiskEngine:Tenants:quiet:CallbackUrl"] = "http://127.0.0.1:9/callbacks";
        settings["RiskEngine:Tenants:quiet:CallbackSecret"] = "quiet-callback-secret-0123";
        await using var silo = await SiloProcess.StartAsync(settings);

        using var scraper = new HttpClient();
        var text = await scraper.GetStringAsync($"http://127.0.0.1:{port}/metrics");

        Assert.Contains("\norleans_", text);
        // Before anything happened, the series README's alerts watch are there at zero, so their first rise is an increase.
        foreach (var result in (string[])["delivered", "retry", "given_up"])
            Assert.Matches($$"""\nriskengine_callbacks_total\{[^}]*result="{{result}}"[^}]*tenant="quiet"[^}]*\} 0\n""", text);
        Assert.Matches("""\nriskengine_provider_calls_total\{[^}]*result="unavailable"[^}]*\} 0\n""", text);
        Assert.DoesNotContain("riskengine_webhooks_rejected_total", text); // an API's, not a silo's
    }
}
