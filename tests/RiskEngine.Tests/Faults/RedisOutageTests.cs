using RiskEngine.Tests.StepUps;

namespace RiskEngine.Tests.Faults;

/// <summary>The engine on its own Redis (append-only file, as in production), which then goes away and comes back.</summary>
[Collection(Load.TimingCollection.Name)]
public sealed class RedisOutageTests : IAsyncLifetime
{
    private RedisServer _redis = null!;
    private Engine _engine = null!;

    public async ValueTask InitializeAsync()
    {
        _redis = await RedisServer.StartNewAsync(persistent: true);
        // Fail fast while Redis is away, so the test does not wait on the default 5 s timeouts.
        _engine = new Engine(StepUpFixture.Settings("http://127.0.0.1:9"),
            redis: $"{_redis.ConnectionString},connectTimeout=1000,asyncTimeout=1500,syncTimeout=1500");
        _engine.StartServer();
    }

    public async ValueTask DisposeAsync()
    {
        await _engine.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task The_engine_is_not_ready_while_redis_is_down_and_recovers_by_itself()
    {
        var client = _engine.Client(StepUpFixture.ApiKey);
        await client.DecideAsync(Login("before"));
        Assert.Equal(HttpStatusCode.OK, await ReadyAsync());

        await _redis.StopAsync();
        await UntilAsync(async () => await ReadyAsync() == HttpStatusCode.ServiceUnavailable);
        await _redis.StartAsync();
        await UntilAsync(async () => await ReadyAsync() == HttpStatusCode.OK);

        var newcomer = await client.DecideAsync(Login("after"));
        var returning = await client.DecideAsync(Login("before"));

        Assert.True(newcomer.Reasons.Contains(Reason.FirstSeen));
        Assert.Equal((Outcome.Allow, ReasonSet.Empty), (returning.Outcome, returning.Reasons));
    }

    [Fact]
    public async Task When_storage_fails_during_a_decision_the_tenant_policy_chooses_block_or_503()
    {
        var acme = _engine.Client(StepUpFixture.ApiKey);
        var dev = _engine.Client();
        using var put = await acme.PutAsJsonAsync("/v1/policy", new { on_storage_unavailable = "block" }, Json.Options);
        put.EnsureSuccessStatusCode();
        await dev.GetStringAsync("/v1/policy");

        await _redis.StopAsync();
        var blocked = await acme.DecideAsync(Login("nobody-yet"));
        using var unavailable = await dev.PostDecisionAsync(Login("nobody-either"));
        await _redis.StartAsync();

        Assert.Equal((Outcome.Block, ReasonSet.Of(Reason.StorageUnavailable), 1), (blocked.Outcome, blocked.Reasons, blocked.PolicyVersion));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.StatusCode);
        Assert.NotNull(unavailable.Headers.RetryAfter);
        string[] seen = // what the storage alerts watch
        [
            """http_server_request_duration_seconds_count\{[^}]*http_response_status_code="503"[^}]*http_route="/v1/decisions"[^}]*\} [1-9]""",
            """orleans_storage_read_errors_total\{[^}]*state_name="profile"[^}]*\} [1-9]""",
            """riskengine_decision_reasons_total\{[^}]*reason="storage_unavailable"[^}]*tenant="acme"[^}]*\} [1-9]""",
        ];
        var metrics = await _engine.MetricsUntilAsync(seen);
        Assert.All(seen, pattern => Assert.Matches(pattern, metrics));
    }

    [Fact]
    public async Task A_webhook_that_cannot_be_stored_is_a_5xx_so_didit_retries()
    {
        var decision = await _engine.Client(StepUpFixture.ApiKey).DecideAsync(new { user_id = "u-hook", action = "account_recovery", device_id = "d", ip = "2.125.160.216" });
        var webhook = DiditWebhook.Body(decision.StepUp!.SessionId, "In Progress", _engine.Time.GetUtcNow()).ToJsonString();

        await _redis.StopAsync();
        using var refused = await DiditWebhook.PostAsync(_engine.Client(apiKey: null), StepUpFixture.Tenant, webhook, StepUpFixture.WebhookSecret, _engine.Time.GetUtcNow());
        await _redis.StartAsync();
        using var retried = await DiditWebhook.PostAsync(_engine.Client(apiKey: null), StepUpFixture.Tenant, webhook, StepUpFixture.WebhookSecret, _engine.Time.GetUtcNow());

        Assert.InRange((int)refused.StatusCode, 500, 599);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal("applied", (await retried.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
    }

    private static object Login(string user) => new { user_id = user, action = "login", device_id = "d", ip = "2.125.160.216" };

    private async Task<HttpStatusCode> ReadyAsync()
    {
        using var response = await _engine.Client(apiKey: null).GetAsync("/health/ready");
        return response.StatusCode;
    }

    /// <summary>Polls a condition of the running system until it holds (bounded): what the test waits for, not a fixed delay.</summary>
    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the engine did not get there within 60 s");
            await Task.Delay(250);
        }
    }
}
