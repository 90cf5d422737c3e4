using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace RiskEngine.Load.Scenarios;

/// <summary>
/// The load generator's HTTP client: one pool, no proxy, no cookies. Connections are capped like a platform's
/// pool would be: unlimited, a slow engine is hit by thousands of new connections at once (SYN cookies, memory),
/// which measures the storm, not the engine. Calls waiting for a connection are still timed from their
/// intended start.
/// </summary>
public static class LoadHttp
{
    private const int MaxConnections = 256;

    public static HttpClient Create(ScenarioOptions options)
    {
        var client = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = MaxConnections,
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
