using RiskEngine.Users;
using StackExchange.Redis;

namespace RiskEngine.Tests.Persistence;

file static class EngineFixtureKeys
{
    public const string Other = "other-tenant-key-0123456789";

    public static readonly Dictionary<string, string?> Settings = new() { ["RiskEngine:Tenants:other:ApiKeys:0:Key"] = Other };
}

/// <summary>The engine on a real redis-server: what it learned is still there after it restarts.</summary>
public sealed class RedisPersistenceTests(SharedRedis redis)
{
    private static readonly object KnownLogin = new { user_id = "u-restart", action = "login", device_id = "phone-1", ip = "2.125.160.216" };

    [Fact]
    public async Task A_known_device_is_still_known_after_the_engine_restarts_on_the_same_redis()
    {
        var connection = await redis.ConnectionStringAsync();
        var serviceId = "persist-" + Guid.NewGuid().ToString("N");

        await using (var engine = new Engine(redis: connection, serviceId: serviceId))
        {
            engine.StartServer();
            var first = await engine.Client().DecideAsync(KnownLogin);
            Assert.True(first.Reasons.Contains(Reason.FirstSeen));
        }

        await using var restarted = new Engine(redis: connection, serviceId: serviceId);
        restarted.StartServer();
        var after = await restarted.Client().DecideAsync(KnownLogin);

        Assert.Equal((Outcome.Allow, ReasonSet.Empty), (after.Outcome, after.Reasons));
    }

    [Fact]
    public async Task What_a_decision_learned_is_in_redis_before_it_answers()
    {
        // Two engines on one Redis in separate clusters: the second activates the user, reading it from Redis, right
        // after the first answered and while the first is still running (nothing flushed on its shutdown).
        var connection = await redis.ConnectionStringAsync();
        var serviceId = "persist-" + Guid.NewGuid().ToString("N");
        var login = new { user_id = "u-learned", action = "login", device_id = "laptop", ip = "2.125.160.216" };
        await using var a = new Engine(redis: connection, serviceId: serviceId);
        await using var b = new Engine(redis: connection, serviceId: serviceId);
        a.StartServer();
        b.StartServer();

        var learned = await a.Client().DecideAsync(login);
        var again = await b.Client().DecideAsync(login);

        Assert.True(learned.Reasons.Contains(Reason.FirstSeen));
        Assert.False(again.Reasons.Contains(Reason.FirstSeen) || again.Reasons.Contains(Reason.NewDevice),
            $"the laptop was not in Redis when the first engine answered: {again.Reasons}");
    }

    [Fact]
    public async Task Readiness_reports_the_cluster_and_redis()
    {
        await using var engine = new Engine(redis: await redis.ConnectionStringAsync());
        engine.StartServer();

        using var ready = await engine.Client(apiKey: null).GetAsync("/health/ready");
        using var report = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", report.RootElement.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString());
        Assert.Equal("Healthy", report.RootElement.GetProperty("checks").GetProperty("cluster").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Policies_sessions_and_idempotent_answers_survive_a_restart()
    {
        var connection = await redis.ConnectionStringAsync();
        var serviceId = "persist-" + Guid.NewGuid().ToString("N");
        var recovery = new { user_id = "u-2", action = "account_recovery", device_id = "d", ip = "2.125.160.216", idempotency_key = "rec-1" };
        DecisionResult before;

        await using (var engine = new Engine(redis: connection, serviceId: serviceId))
        {
            engine.StartServer();
            var client = engine.Client();
            using var first = await client.PutAsJsonAsync("/v1/policy", new { weights = new { new_asn = 12 } }, Json.Options);
            using var put = await client.PutAsJsonAsync("/v1/policy", new { weights = new { new_asn = 15 } }, Json.Options);
            put.EnsureSuccessStatusCode();
            before = await client.DecideAsync(recovery);
        }

        await using var restarted = new Engine(EngineFixtureKeys.Settings, redis: connection, serviceId: serviceId);
        restarted.StartServer();
        var client2 = restarted.Client();
        var policy = await client2.GetFromJsonAsync<Policy>("/v1/policy", Json.Options);
        var earlier = await client2.GetFromJsonAsync<Policy>("/v1/policy/versions/1", Json.Options);
        var session = await client2.GetFromJsonAsync<StepUpSessionView>($"/v1/step-ups/{before.StepUp!.SessionId}", Json.Options);
        var user = await client2.GetFromJsonAsync<UserView>("/v1/users/u-2", Json.Options); // its history, session ids included
        var replay = await client2.DecideAsync(recovery);
        var again = await client2.DecideAsync(recovery with { idempotency_key = "rec-2" }); // a new request, the session still open

        var otherTenant = await restarted.Client(EngineFixtureKeys.Other).GetFromJsonAsync<Policy>("/v1/policy", Json.Options);

        Assert.Equal((2, 15), (policy!.Version, policy.Weights.NewAsn));
        Assert.Equal((1, 12), (earlier!.Version, earlier.Weights.NewAsn)); // the kept versions reload too
        Assert.Equal((0, 10), (otherTenant!.Version, otherTenant.Weights.NewAsn));
        Assert.Equal((before.DecisionId, SessionStatus.NotStarted), (session!.DecisionId, session.Status));
        Assert.Equal([before.StepUp.SessionId], user!.StepUpSessions);
        Assert.Equal(before, replay);
        Assert.Equal(before.StepUp, again.StepUp);
        Assert.NotEqual(before.DecisionId, again.DecisionId);
    }

    [Fact]
    public async Task A_policy_simulation_still_sees_the_decisions_made_before_a_restart()
    {
        var connection = await redis.ConnectionStringAsync();
        var serviceId = "persist-" + Guid.NewGuid().ToString("N");
        object Transfer(int i) => new { user_id = $"u-sim-{i}", action = "transfer", device_id = "d", ip = "2.125.160.216", amount = 1_500, currency = "EUR" };

        await using (var engine = new Engine(redis: connection, serviceId: serviceId))
        {
            engine.StartServer();
            for (var i = 0; i < 3; i++) await engine.Client().DecideAsync(Transfer(i)); // PASSIVE step-ups for the amount
        }

        await using var restarted = new Engine(redis: connection, serviceId: serviceId);
        restarted.StartServer();
        await restarted.Client().DecideAsync(Transfer(3));
        using var response = await restarted.Client().PostAsJsonAsync("/v1/policy/simulate",
            new { thresholds = new { high_value_txn = new { @default = 2_000 } } }, Json.Options);
        var report = await response.Content.ReadFromJsonAsync<PolicySimulation>(Json.Options);

        Assert.Equal((4, 4L, 4L), (report!.Sampled, report.Decisions, report.Changed));
    }

    [Fact]
    public async Task An_answer_pushed_out_of_the_users_log_survives_a_restart_and_expires_from_redis_by_itself()
    {
        var connection = await redis.ConnectionStringAsync();
        var serviceId = "persist-" + Guid.NewGuid().ToString("N");
        object Login(int i) => new { user_id = "u-many-keys", action = "login", device_id = "phone", ip = "2.125.160.216", idempotency_key = $"many-{i}" };
        DecisionResult first;

        await using (var engine = new Engine(redis: connection, serviceId: serviceId))
        {
            engine.StartServer();
            var client = engine.Client();
            first = await client.DecideAsync(Login(0));
            for (var i = 1; i <= IdempotencyLog.Limit; i++)
            {
                engine.Time.Advance(TimeSpan.FromSeconds(10)); // not a burst: no velocity
                await client.DecideAsync(Login(i));
            }
        }

        await using var restarted = new Engine(redis: connection, serviceId: serviceId);
        restarted.StartServer();
        var replay = await restarted.Client().DecideAsync(Login(0));
        await using var mux = await ConnectionMultiplexer.ConnectAsync(connection);
        var kept = mux.GetServers()[0].Keys(pattern: $"{serviceId}/*spilledanswer*").Single(); // the one answer pushed out, sealed
        var ttl = await mux.GetDatabase().KeyTimeToLiveAsync(kept);

        Assert.Equal(first, replay);
        Assert.InRange(ttl!.Value, TimeSpan.FromHours(23), TimeSpan.FromHours(24));
    }

    [Fact]
    public async Task A_keyed_answer_stored_meanwhile_by_another_activation_is_kept_when_this_one_writes()
    {
        // Two engines on one Redis but in separate clusters: each has its own activation of the same user, as
        // during a failover. The second write of the first one conflicts, re-reads and keeps the other's answer.
        var connection = await redis.ConnectionStringAsync();
        var serviceId = "persist-" + Guid.NewGuid().ToString("N");
        object Login(string key) => new { user_id = "u-twice-active", action = "login", device_id = "phone", ip = "2.125.160.216", idempotency_key = key };
        await using var a = new Engine(redis: connection, serviceId: serviceId);
        await using var b = new Engine(redis: connection, serviceId: serviceId);
        a.StartServer();
        b.StartServer();

        await a.Client().DecideAsync(Login("a-1"));
        var fromB = await b.Client().DecideAsync(Login("b-1"));
        var fromA = await a.Client().DecideAsync(Login("a-2"));

        await using var reader = new Engine(redis: connection, serviceId: serviceId);
        reader.StartServer();
        Assert.Equal(fromB, await reader.Client().DecideAsync(Login("b-1")));
        Assert.Equal(fromA, await reader.Client().DecideAsync(Login("a-2")));
    }
}
