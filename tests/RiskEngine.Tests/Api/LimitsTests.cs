using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace RiskEngine.Tests.Api;

public sealed class LimitsTests : IAsyncLifetime
{
    private const string TinyKey = "tiny-tenant-key-0123456789";

    private readonly Engine _engine = new(new Dictionary<string, string?>
    {
        ["RiskEngine:Tenants:tiny:ApiKeys:0:Key"] = TinyKey,
        ["RiskEngine:Tenants:tiny:RateLimit:RequestsPerSecond"] = "1",
        ["RiskEngine:Tenants:tiny:RateLimit:Burst"] = "3",
    });

    public ValueTask InitializeAsync()
    {
        _engine.StartServer();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _engine.DisposeAsync();

    private static object Login(int i) => new { user_id = $"user-{i}", action = "login", device_id = "d", ip = "2.125.160.216" };

    [Fact]
    public async Task A_tenant_over_its_rate_gets_429_with_retry_after_and_other_tenants_do_not_notice_and_operators_see_it()
    {
        var tiny = _engine.Client(TinyKey);
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 8; i++)
        {
            var response = await tiny.PostDecisionAsync(Login(i));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) limited ??= response;
        }
        var other = await _engine.Client().PostDecisionAsync(Login(100));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], statuses.Take(3)); // the burst
        Assert.NotNull(limited);
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        const string refused = """riskengine_requests_rate_limited_total\{[^}]*tenant="tiny"[^}]*\} [1-9]""";
        Assert.Matches(refused, await _engine.MetricsUntilAsync(refused));
    }

    [Fact]
    public async Task An_unknown_key_is_refused_before_it_can_spend_a_tenant_s_budget()
    {
        var stranger = _engine.Client("not-a-key-0123456789");
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.PostDecisionAsync(Login(i))).StatusCode);
    }

    [Fact]
    public async Task Endpoints_without_a_limit_of_their_own_take_at_most_16_kib()
    {
        var body = new StringContent(new string(' ', 20 * 1024) + "{}", System.Text.Encoding.UTF8, "application/json");
        using var unlock = await _engine.Client().PostAsync("/v1/users/someone/unlock", body);
        var form = new FormUrlEncodedContent([new("verdict", new string('a', 20 * 1024))]);
        using var sandbox = await _engine.Client(apiKey: null).PostAsync("/sandbox/sessions/dev/none", form);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, unlock.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, sandbox.StatusCode);
    }

    [Fact]
    public void Kestrel_limits_and_timeouts_come_from_configuration()
    {
        var limits = _engine.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;

        Assert.Equal(16 * 1024, limits.MaxRequestBodySize);
        Assert.Equal(16 * 1024, limits.MaxRequestHeadersTotalSize);
        Assert.Equal(TimeSpan.FromSeconds(10), limits.RequestHeadersTimeout);
        Assert.Equal(TimeSpan.FromMinutes(1), limits.KeepAliveTimeout);
    }
}
