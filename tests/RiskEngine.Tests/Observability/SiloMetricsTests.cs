namespace RiskEngine.Tests.Observability;

/// <summary>A standalone silo serves its metrics on <c>RiskEngine__PrometheusPort</c>, as docker-compose.yml sets it.</summary>
public sealed class SiloMetricsTests(SharedRedis redis)
{
    [Fact]
    public async Task A_standalone_silo_serves_prometheus_metrics_on_its_port_from_any_interface()
    {
        var port = FreePort.Next();
        await using var silo = await SiloProcess.StartAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = await redis.ConnectionStringAsync(),
            ["Orleans:ClusterId"] = "metrics-" + Guid.NewGuid().ToString("N"),
            ["Orleans:ServiceId"] = "metrics-" + Guid.NewGuid().ToString("N"),
            ["Orleans:Endpoints:AdvertisedIPAddress"] = "127.0.0.1",
            ["Orleans:Endpoints:SiloPort"] = FreePort.Next().ToString(),
            ["Orleans:Endpoints:GatewayPort"] = FreePort.Next().ToString(),
            ["RiskEngine:PrometheusPort"] = port.ToString(),
        });

        using var scraper = new HttpClient();
        var text = await scraper.GetStringAsync($"http://127.0.0.1:{port}/metrics");

        Assert.Contains("\norleans_", text);
    }
}
