using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace RiskEngine.Load.Scenarios;

/// <summary>The load generator's HTTP client: one pool, unlimited connections, no proxy, no cookies.</summary>
public static class LoadHttp
{
    public static HttpClient Create(ScenarioOptions options)
    {
        var client = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(5),
        })
        {
            BaseAddress = options.Target,
            Timeout = TimeSpan.FromSeconds(30),
        };
        client.DefaultRequestHeaders.Add("x-api-key", options.ApiKey);
        return client;
    }

    public static ByteArrayContent Json(string json) =>
        new(Encoding.UTF8.GetBytes(json)) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
}
