using RiskEngine.Hosting;
using RiskEngine.Users;
using StackExchange.Redis;

namespace RiskEngine.Tests.Users;

/// <summary>
/// Data-subject deletion through <c>DELETE /v1/users/{user_id}</c>, on real Redis; and the erasure of the sessions a
/// user's history no longer keeps.
/// </summary>
public sealed class ForgetUserTests(SharedRedis redis)
{
    private static string NewUser() => "user-" + Guid.NewGuid().ToString("N")[..12];

    private static object Login(string user, string device, string ip) => new { user_id = user, action = "login", device_id = device, ip, idempotency_key = "k-" + device };

    [Fact]
    public async Task Forgetting_a_user_erases_their_history_answers_and_sessions_from_redis()
    {
        var connection = await redis.ConnectionStringAsync();
        await using var engine = new Engine(redis: connection);
        engine.StartServer();
        var client = engine.Client();
        var user = NewUser();
        var first = await client.DecideAsync(Login(user, "phone", "2.125.160.216"));
        var stepUp = await client.DecideAsync(Login(user, "laptop", "89.160.20.112"));
        var approved = await engine.ChooseAsync(stepUp.StepUp!, "approve");
        var pending = await client.DecideAsync(Login(user, "tablet", "81.2.69.142"));
        Assert.Equal(Outcome.StepUp, pending.Outcome); // a second session, still open
        Assert.NotEmpty(await StoredMentionsAsync(connection, user, approved.SessionId, pending.StepUp!.SessionId));

        using var forgotten = await client.DeleteAsync($"/v1/users/{user}");

        Assert.Equal(HttpStatusCode.NoContent, forgotten.StatusCode);
        Assert.Empty(await StoredMentionsAsync(connection, user, approved.SessionId, pending.StepUp.SessionId));
        Assert.Contains(engine.Logs.Lines, l => l.Contains("A user of tenant dev forgotten by key ") && l.Contains(": 2 step-up sessions deleted"));
        using var session = await client.GetAsync($"/v1/step-ups/{approved.SessionId}");
        Assert.Equal(HttpStatusCode.NotFound, session.StatusCode);
        var again = await client.DecideAsync(Login(user, "phone", "2.125.160.216")); // same idempotency key: not remembered either
        Assert.NotEqual(first.DecisionId, again.DecisionId);
        Assert.Equal((first.Outcome, first.Reasons), (again.Outcome, again.Reasons));
    }

    [Fact]
    public async Task Forgetting_a_busy_user_leaves_none_of_their_answers_readable_among_those_kept_apart()
    {
        var connection = await redis.ConnectionStringAsync();
        await using var engine = new Engine(redis: connection);
        engine.StartServer();
        var client = engine.Client();
        var user = NewUser();
        object Transfer(int i) => new { user_id = user, action = "transfer", device_id = "phone", ip = "2.125.160.216", amount = 10 + i, currency = "EUR", idempotency_key = $"{user}-pay-{i}" };
        var answers = new List<DecisionResult>();
        for (var i = 0; i < IdempotencyLog.Limit + 5; i++)
        {
            engine.Time.Advance(TimeSpan.FromSeconds(10)); // not a burst: no velocity
            answers.Add(await client.DecideAsync(Transfer(i)));
        }
        var replayed = await client.DecideAsync(Transfer(0)); // kept apart by now, and still the same answer

        using var forgotten = await client.DeleteAsync($"/v1/users/{user}");

        Assert.Equal(answers[0], replayed);
        Assert.Equal(HttpStatusCode.NoContent, forgotten.StatusCode);
        Assert.Empty(await StoredMentionsAsync(connection, user)); // each idempotency key starts with the user id
        var keptApart = await KeysAsync(connection, "*spilledanswer*");
        Assert.True(keptApart.Count >= 5, $"{keptApart.Count} sealed answers still waiting out their day"); // there, but no one's
    }

    [Fact]
    public async Task Forgetting_needs_the_admin_scope_and_a_valid_user_id()
    {
        await using var engine = new Engine(new Dictionary<string, string?>
        {
            ["RiskEngine:Tenants:acme:ApiKeys:0:Key"] = "acme-decide-only-0123456789",
            ["RiskEngine:Tenants:acme:ApiKeys:0:Scopes"] = "decide",
        });
        engine.StartServer();

        using var forbidden = await engine.Client("acme-decide-only-0123456789").DeleteAsync("/v1/users/someone");
        using var tooLong = await engine.Client().DeleteAsync("/v1/users/" + new string('u', 129));
        using var unknown = await engine.Client().DeleteAsync("/v1/users/never-seen");

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("user_id", (await tooLong.ProblemErrorsAsync()).Keys);
        Assert.Equal(HttpStatusCode.NoContent, unknown.StatusCode); // deleting nothing is not an error: retries are safe
    }

    [Fact]
    public async Task A_user_keeps_their_latest_64_sessions_and_older_ones_are_erased()
    {
        await using var engine = new Engine();
        engine.StartServer();
        var client = engine.Client();

        var sessions = await StepUpOnceTooOftenAsync(engine, client, NewUser());

        using var oldest = await client.GetAsync($"/v1/step-ups/{sessions[0]}");
        using var second = await client.GetAsync($"/v1/step-ups/{sessions[1]}");
        using var newest = await client.GetAsync($"/v1/step-ups/{sessions[^1]}");
        Assert.Equal(HttpStatusCode.NotFound, oldest.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newest.StatusCode);
    }

    [Fact]
    public async Task An_erased_session_leaves_neither_its_state_nor_its_reminder_in_redis()
    {
        var connection = await redis.ConnectionStringAsync();
        await using var engine = new Engine(redis: connection);
        engine.StartServer();

        var sessions = await StepUpOnceTooOftenAsync(engine, engine.Client(), NewUser());

        Assert.Empty(await StoredMentionsAsync(connection, sessions[0]));
        Assert.NotEmpty(await StoredMentionsAsync(connection, sessions[1]));
    }

    [Fact]
    public async Task A_session_read_just_before_it_is_erased_is_not_found_afterwards()
    {
        await using var engine = new Engine();
        engine.StartServer();
        var client = engine.Client();
        var readBefore = HttpStatusCode.Unused;

        var sessions = await StepUpOnceTooOftenAsync(engine, client, NewUser(), async oldest =>
        {
            using var read = await client.GetAsync($"/v1/step-ups/{oldest}"); // wakes its grain, which then holds it
            readBefore = read.StatusCode;
        });

        using var readAfter = await client.GetAsync($"/v1/step-ups/{sessions[0]}");
        Assert.Equal(HttpStatusCode.OK, readBefore);
        Assert.Equal(HttpStatusCode.NotFound, readAfter.StatusCode);
    }

    [Fact]
    public async Task A_session_written_elsewhere_while_it_is_erased_is_erased_by_its_own_grain()
    {
        InProcessGrainStorage stored = null!;
        InterferingStorage storage = null!;
        await using var engine = new Engine(services: s => InterferingStorage.Replace(s, (i, st) => (storage, stored) = (i, st)));
        engine.StartServer();
        var client = engine.Client();

        // Between the eraser's read and its clear, the session is written again, as by its grain awake on another
        // silo applying a webhook: the clear fails on the etag, and the session's own grain erases what is stored.
        var sessions = await StepUpOnceTooOftenAsync(engine, client, NewUser(), oldest =>
        {
            storage.Interfere("session", times: 1, id: oldest);
            return Task.CompletedTask;
        });

        var storedSessions = stored.Count("session");
        using var oldest = await client.GetAsync($"/v1/step-ups/{sessions[0]}");
        using var second = await client.GetAsync($"/v1/step-ups/{sessions[1]}");
        Assert.Equal(HistoryLimits.Sessions, storedSessions);
        Assert.Equal(HttpStatusCode.NotFound, oldest.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }

    /// <summary>
    /// A login, then one step-up more than a user keeps sessions for (each a new device on a new network);
    /// <paramref name="beforeTheLast"/> is given the oldest session before the step-up that erases it.
    /// </summary>
    private static async Task<List<string>> StepUpOnceTooOftenAsync(Engine engine, HttpClient client, string user, Func<string, Task>? beforeTheLast = null)
    {
        await client.DecideAsync(new { user_id = user, action = "login", device_id = "phone", ip = "2.125.160.216" });
        var sessions = new List<string>();
        for (var i = 0; i <= HistoryLimits.Sessions; i++)
        {
            if (i == HistoryLimits.Sessions && beforeTheLast is not null) await beforeTheLast(sessions[0]);
            engine.Time.Advance(TimeSpan.FromMinutes(5)); // no velocity
            var decision = await client.DecideAsync(new { user_id = user, action = "login", device_id = $"device-{i}", ip = $"100.{64 + i}.1.1" });
            sessions.Add(decision.StepUp?.SessionId ?? throw new InvalidOperationException($"decision {i} did not step up: {decision.Outcome}"));
        }
        return sessions;
    }

    /// <summary>The Redis keys whose name or value holds any needle: as UTF-8, and a UUID also as the 16 bytes a
    /// user's history stores it in (<c>SessionRef</c>).</summary>
    private static async Task<List<string>> StoredMentionsAsync(string connection, params string[] needles)
    {
        var patterns = needles.Select(System.Text.Encoding.UTF8.GetBytes)
            .Concat(needles.Where(n => Guid.TryParse(n, out _)).Select(n => Guid.Parse(n).ToByteArray())).ToList();
        await using var mux = await ConnectionMultiplexer.ConnectAsync(connection);
        var db = mux.GetDatabase();
        var found = new List<string>();
        foreach (var key in await KeysAsync(connection, "*"))
        {
            var type = await db.KeyTypeAsync(key);
            byte[][] values = type switch
            {
                RedisType.String => [(byte[])(await db.StringGetAsync(key))!],
                RedisType.Hash => (await db.HashGetAllAsync(key)).SelectMany(e => new[] { (byte[])e.Name!, (byte[])e.Value! }).ToArray(),
                RedisType.SortedSet => (await db.SortedSetRangeByRankAsync(key)).Select(v => (byte[])v!).ToArray(),
                RedisType.List => (await db.ListRangeAsync(key)).Select(v => (byte[])v!).ToArray(),
                RedisType.Set => (await db.SetMembersAsync(key)).Select(v => (byte[])v!).ToArray(),
                _ => [],
            };
            if (values.Prepend(System.Text.Encoding.UTF8.GetBytes(key)).Any(v => patterns.Any(p => v.AsSpan().IndexOf(p) >= 0))) found.Add(key);
        }
        return found;
    }

    private static async Task<List<string>> KeysAsync(string connection, string pattern)
    {
        await using var mux = await ConnectionMultiplexer.ConnectAsync(connection);
        return [.. mux.GetServers()[0].Keys(pattern: pattern).Select(k => (string)k!)];
    }
}
