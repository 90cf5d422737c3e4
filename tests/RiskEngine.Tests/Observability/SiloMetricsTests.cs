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
        await using var silo = await SiloProcess.StartAsync(settings);

        using var scraper = new HttpClient();
        var text = await scraper.GetStringAsync($"http://127.0.0.1:{port}/metrics");

        Assert.Contains("\norleans_", text);
    }
}
