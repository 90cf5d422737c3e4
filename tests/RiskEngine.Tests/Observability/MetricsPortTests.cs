namespace RiskEngine.Tests.Observability;

/// <summary><c>RiskEngine__PrometheusPort</c> on the API: metrics leave the platform-facing port for one of their own.</summary>
public sealed class MetricsPortTests
{
    [Fact]
    public async Task With_a_metrics_port_metrics_are_served_there_and_not_on_the_api_port()
    {
        var port = FreePort.Next();
        await using var engine = new Engine(new Dictionary<string, string?> { ["RiskEngine:PrometheusPort"] = port.ToString() });
        engine.StartServer();
        await engine.Client().DecideAsync(new { user_id = "metrics-user", action = "login", device_id = "d", ip = "2.125.160.216" });

        using var scraper = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        string text;
        do text = await scraper.GetStringAsync($"http://127.0.0.1:{port}/metrics"); // the exporter caches a scrape briefly
        while (!text.Contains("riskengine_decisions_total{") && DateTime.UtcNow < deadline && await Delay());
        using var onApi = await engine.Client(apiKey: null).GetAsync("/metrics");

        Assert.Contains("riskengine_decisions_total{", text);
        Assert.Equal(HttpStatusCode.NotFound, onApi.StatusCode);
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(100);
        return true;
    }
}
