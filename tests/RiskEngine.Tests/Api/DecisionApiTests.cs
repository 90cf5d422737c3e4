using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using RiskEngine.Api.Decisions;
using RiskEngine.Hosting;
using RiskEngine.Users;

namespace RiskEngine.Tests.Api;

public sealed class DecisionApiTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private readonly HttpClient _client = fixture.Engine.Client();

    private static string NewUser() => "user-" + Guid.NewGuid().ToString("N")[..12];

    private static object Login(string user, string device = "dev-1", string ip = "2.125.160.216") =>
        new { user_id = user, action = "login", device_id = device, ip };

    [Fact]
    public async Task A_decision_answers_with_the_documented_shape()
    {
        using var response = await _client.PostDecisionAsync(Login(NewUser()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotEqual(true, response.Headers.TransferEncodingChunked); // the answer's length is sent, not chunks
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.Equal(["decision_id", "outcome", "method", "risk_score", "reasons", "policy_version", "step_up"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("allow", root.GetProperty("outcome").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("method").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("step_up").ValueKind);
        Assert.Equal(["first_seen"], root.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task A_new_device_on_a_new_anonymous_network_steps_up_with_a_session()
    {
        var user = NewUser();
        await _client.DecideAsync(Login(user));

        using var response = await _client.PostDecisionAsync(Login(user, device: "dev-2", ip: "81.2.69.142"));

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal("step_up", root.GetProperty("outcome").GetString());
        Assert.Equal("ACTIVE_3D", root.GetProperty("method").GetString());
        Assert.Equal(100, root.GetProperty("risk_score").GetInt32());
        Assert.Equal(["new_device", "new_ip", "anonymous_ip"], root.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        var stepUp = root.GetProperty("step_up");
        Assert.Equal("Not Started", stepUp.GetProperty("status").GetString());
        Assert.StartsWith(fixture.Engine.BaseUrl + "/sandbox/sessions/dev/", stepUp.GetProperty("session_url").GetString());
        // A canonical UUID, as Didit's session ids are (and as a user's history keeps compactly), dated by the engine's clock.
        var sessionId = stepUp.GetProperty("session_id").GetString()!;
        Assert.Equal(Guid.Parse(sessionId).ToString(), sessionId);
        Assert.Equal(fixture.Engine.Time.GetUtcNow().ToUnixTimeMilliseconds(), Convert.ToInt64(sessionId.Replace("-", "")[..12], 16));
        var expires = stepUp.GetProperty("expires_at").GetDateTimeOffset();
        Assert.Equal(fixture.Engine.Time.GetUtcNow().AddMinutes(30), expires, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task The_step_up_session_can_be_read_back_by_its_tenant_only()
    {
        var user = NewUser();
        var decision = await _client.DecideAsync(new { user_id = user, action = "account_recovery", device_id = "d", ip = "2.125.160.216" });
        var sessionId = decision.StepUp!.SessionId;

        var session = await _client.GetFromJsonAsync<StepUpSessionView>($"/v1/step-ups/{sessionId}", Json.Options);
        using var otherTenant = await fixture.Engine.Client(EngineFixture.AcmeDecideKey).GetAsync($"/v1/step-ups/{sessionId}");

        Assert.Equal((decision.DecisionId, user, StepUpMethod.Active3D, SessionStatus.NotStarted),
            (session!.DecisionId, session.UserId, session.Method, session.Status));
        Assert.Equal(HttpStatusCode.NotFound, otherTenant.StatusCode);
    }

    [Fact]
    public async Task Tenants_do_not_see_each_others_users()
    {
        var user = NewUser();
        await _client.DecideAsync(Login(user));
        await _client.DecideAsync(Login(user));

        var acme = await fixture.Engine.Client(EngineFixture.AcmeDecideKey).DecideAsync(Login(user));

        Assert.True(acme.Reasons.Contains(Reason.FirstSeen));
    }

    [Fact]
    public async Task A_missing_or_unknown_api_key_is_401()
    {
        using var none = await fixture.Engine.Client(apiKey: null).PostDecisionAsync(Login(NewUser()));
        using var wrong = await fixture.Engine.Client("not-a-key-at-all-0000").PostDecisionAsync(Login(NewUser()));

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("application/problem+json", wrong.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_key_without_the_admin_scope_cannot_touch_the_policy()
    {
        using var response = await fixture.Engine.Client(EngineFixture.AcmeDecideKey).GetAsync("/v1/policy");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    public static TheoryData<string, string, string[]> BadInputs => new()
    {
        { "missing everything", """{}""", ["user_id", "action", "device_id", "ip"] },
        { "unknown action", """{"user_id":"u","action":"withdraw","device_id":"d","ip":"1.2.3.4"}""", ["action"] },
        { "malformed ip", """{"user_id":"u","action":"login","device_id":"d","ip":"1.2.3"}""", ["ip"] },
        { "ip shorthand", """{"user_id":"u","action":"login","device_id":"d","ip":"0x7f.1"}""", ["ip"] },
        { "ip not an address", """{"user_id":"u","action":"login","device_id":"d","ip":"example.com"}""", ["ip"] },
        { "negative amount", """{"user_id":"u","action":"transfer","device_id":"d","ip":"1.2.3.4","amount":-1,"currency":"EUR"}""", ["amount"] },
        { "bad currency", """{"user_id":"u","action":"transfer","device_id":"d","ip":"1.2.3.4","amount":1,"currency":"EURO"}""", ["currency"] },
        { "lowercase currency", """{"user_id":"u","action":"transfer","device_id":"d","ip":"1.2.3.4","amount":1,"currency":"eur"}""", ["currency"] },
        { "transfer without amount and currency", """{"user_id":"u","action":"transfer","device_id":"d","ip":"1.2.3.4"}""", ["amount", "currency"] },
        { "user_id over 128", $$"""{"user_id":"{{new string('u', 129)}}","action":"login","device_id":"d","ip":"1.2.3.4"}""", ["user_id"] },
        { "device_id over 256", $$"""{"user_id":"u","action":"login","device_id":"{{new string('d', 257)}}","ip":"1.2.3.4"}""", ["device_id"] },
        { "blank user_id", """{"user_id":"  ","action":"login","device_id":"d","ip":"1.2.3.4"}""", ["user_id"] },
        { "portrait not base64", """{"user_id":"u","action":"login","device_id":"d","ip":"1.2.3.4","portrait_image":"not base64!"}""", ["portrait_image"] },
        { "portrait over 1 MB", $$"""{"user_id":"u","action":"login","device_id":"d","ip":"1.2.3.4","portrait_image":"{{Convert.ToBase64String(new byte[1024 * 1024 + 1])}}"}""", ["portrait_image"] },
        { "amount of the wrong type", """{"user_id":"u","action":"transfer","device_id":"d","ip":"1.2.3.4","amount":"lots","currency":"EUR"}""", ["amount"] },
        { "malformed occurred_at", """{"user_id":"u","action":"login","device_id":"d","ip":"1.2.3.4","occurred_at":"yesterday"}""", ["occurred_at"] },
        { "amount over 10^18", """{"user_id":"u","action":"transfer","device_id":"d","ip":"1.2.3.4","amount":1000000000000000000.01,"currency":"EUR"}""", ["amount"] },
        { "occurred_at at the start of time", """{"user_id":"u","action":"login","device_id":"d","ip":"1.2.3.4","occurred_at":"0001-01-01T00:00:00Z"}""", ["occurred_at"] },
        { "occurred_at in the future", """{"user_id":"u","action":"login","device_id":"d","ip":"1.2.3.4","occurred_at":"2999-01-01T00:00:00Z"}""", ["occurred_at"] },
        { "not an object", """[1,2]""", ["$"] },
    };

    [Theory, MemberData(nameof(BadInputs))]
    public async Task Bad_input_is_400_naming_each_bad_field(string _, string body, string[] fields)
    {
        using var response = await _client.PostAsync("/v1/decisions", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(fields.Order(), (await response.ProblemErrorsAsync()).Keys.Order());
    }

    [Fact]
    public async Task A_field_given_twice_is_400_naming_it_not_one_of_its_values_taken()
    {
        using var response = await _client.PostAsync("/v1/decisions", new StringContent(
            """{"user_id":"u","action":"login","device_id":"d","ip":"1.2.3.4","user_id":"someone-else"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["given more than once"], (await response.ProblemErrorsAsync())["user_id"]);
    }

    [Theory]
    [InlineData("""{"user_id":""")]
    [InlineData("""{"user_id" "u"}""")]
    [InlineData("""{"user_id":"u",}""")]
    public async Task Malformed_json_is_400_saying_where(string body)
    {
        using var response = await _client.PostAsync("/v1/decisions", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("malformed JSON near line 1", Assert.Single(Assert.Single(await response.ProblemErrorsAsync()).Value));
    }

    [Fact]
    public async Task Bad_input_never_changes_state()
    {
        var user = NewUser();

        using var bad = await _client.PostDecisionAsync(new { user_id = user, action = "login", device_id = "d", ip = "1.2.3", amount = -1 });
        var first = await _client.DecideAsync(Login(user));

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True(first.Reasons.Contains(Reason.FirstSeen));
    }

    [Fact]
    public async Task A_body_over_2_mib_is_413()
    {
        var huge = $$"""{"user_id":"u","action":"login","device_id":"d","ip":"1.2.3.4","user_agent":"{{new string('a', 2 * 1024 * 1024)}}"}""";

        // Expect: 100-continue, as a client sending a large body should: the engine refuses on the declared
        // length and closes; a client that streamed the body regardless could see a broken pipe, not the 413.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/decisions")
        {
            Content = new StringContent(huge, Encoding.UTF8, "application/json"),
            Headers = { ExpectContinue = true },
        };
        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_415()
    {
        using var response = await _client.PostAsync("/v1/decisions", new StringContent("user_id=u", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("GET", "/v1/no-such-thing", HttpStatusCode.NotFound)]
    [InlineData("GET", "/v1/decisions", HttpStatusCode.MethodNotAllowed)]
    [InlineData("POST", "/v1/policy/simulate?hours=many", HttpStatusCode.BadRequest)]
    public async Task What_no_endpoint_answers_itself_is_problem_details_too(string method, string path, HttpStatusCode status)
    {
        using var response = await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = method == "POST" ? new StringContent("{}", Encoding.UTF8, "application/json") : null,
        });

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (path.Contains("hours")) Assert.Contains("hours", (await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task A_portrait_of_up_to_1_mb_is_accepted()
    {
        var portrait = Convert.ToBase64String(new byte[1024 * 1024]);

        var result = await _client.DecideAsync(new { user_id = NewUser(), action = "login", device_id = "d", ip = "2.125.160.216", portrait_image = portrait });

        Assert.Equal(Outcome.Allow, result.Outcome);
    }

    [Fact]
    public async Task The_same_idempotency_key_returns_the_first_answer_unchanged()
    {
        var user = NewUser();
        await _client.DecideAsync(Login(user));
        var request = new { user_id = user, action = "login", device_id = "dev-new", ip = "89.160.20.112", idempotency_key = "k-1" };

        var first = await _client.DecideAsync(request);
        fixture.Engine.Time.Advance(TimeSpan.FromHours(23));
        var again = await _client.DecideAsync(request);

        Assert.Equal(Outcome.StepUp, first.Outcome);
        Assert.Equal(first, again);
        Assert.Equal(first.StepUp, again.StepUp);
    }

    [Fact]
    public async Task An_idempotency_key_older_than_24_hours_gets_a_new_decision()
    {
        var user = NewUser();
        var request = new { user_id = user, action = "login", device_id = "dev-1", ip = "2.125.160.216", idempotency_key = "k-1" };

        var first = await _client.DecideAsync(request);
        fixture.Engine.Time.Advance(TimeSpan.FromHours(24));
        var later = await _client.DecideAsync(request);

        Assert.NotEqual(first.DecisionId, later.DecisionId);
        Assert.False(later.Reasons.Contains(Reason.FirstSeen));
    }

    [Fact]
    public async Task Transfers_at_the_largest_amount_accepted_are_decided_however_many_a_day()
    {
        var user = NewUser();
        var transfer = new { user_id = user, action = "transfer", device_id = "phone", ip = "2.125.160.216", amount = DecisionRequestValidator.MaxAmount, currency = "EUR" };
        await _client.DecideAsync(Login(user, device: "phone"));

        // More than a day's kept transfers, so the oldest are folded into the sum: nothing may overflow.
        for (var i = 0; i < HistoryLimits.RecentTransfers + 8; i++)
        {
            fixture.Engine.Time.Advance(TimeSpan.FromSeconds(10));
            var result = await _client.DecideAsync(transfer);
            Assert.True(result.Reasons.Contains(Reason.VeryHighValueTxn));
        }
    }

    [Fact]
    public async Task A_key_keeps_its_first_answer_for_24_hours_however_many_keyed_decisions_follow()
    {
        var user = NewUser();
        object Transfer(int i, string device = "phone") =>
            new { user_id = user, action = "transfer", device_id = device, ip = "2.125.160.216", amount = 10 + i, currency = "EUR", idempotency_key = $"t-{i}" };
        var first = await _client.DecideAsync(Transfer(0));
        for (var i = 1; i <= IdempotencyLog.Limit + 5; i++)
        {
            fixture.Engine.Time.Advance(TimeSpan.FromSeconds(10)); // not a burst: no velocity
            await _client.DecideAsync(Transfer(i));
        }

        fixture.Engine.Time.Advance(TimeSpan.FromHours(23)); // 23 h 12 min after the first
        var again = await _client.DecideAsync(Transfer(0));
        using var reused = await _client.PostDecisionAsync(Transfer(0, device: "another"));
        fixture.Engine.Time.Advance(TimeSpan.FromHours(1));
        var later = await _client.DecideAsync(Transfer(0));

        Assert.Equal(first, again);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.NotEqual(first.DecisionId, later.DecisionId);
    }

    [Fact]
    public async Task A_key_used_again_after_its_24_hours_gets_a_new_answer_which_is_kept_in_place_of_the_old_one()
    {
        var user = NewUser();
        object Transfer(string key, int amount) => new { user_id = user, action = "transfer", device_id = "phone", ip = "2.125.160.216", amount, currency = "EUR", idempotency_key = key };
        async Task PushOutAsync(string prefix)
        {
            for (var i = 0; i < IdempotencyLog.Limit; i++)
            {
                fixture.Engine.Time.Advance(TimeSpan.FromSeconds(6)); // ten a minute: no velocity
                await _client.DecideAsync(Transfer($"{prefix}-{i}", 10));
            }
        }

        var start = fixture.Engine.Time.GetUtcNow();
        await _client.DecideAsync(Transfer("again", 20));
        fixture.Engine.Time.Advance(TimeSpan.FromHours(1));
        await PushOutAsync("first"); // "again" is now kept apart, for a day from now
        fixture.Engine.Time.SetUtcNow(start + IdempotencyLog.Window + TimeSpan.FromMinutes(1)); // its 24 h are over; the kept copy's are not
        var second = await _client.DecideAsync(Transfer("again", 30)); // another request: a new key again, not a 422
        await PushOutAsync("second"); // pushed out again, within the first copy's day: it replaces that copy
        var replay = await _client.DecideAsync(Transfer("again", 30));

        Assert.Equal(second, replay);
    }

    [Fact]
    public async Task Answers_kept_apart_from_the_user_leave_memory_after_their_24_hours()
    {
        var storage = (InProcessGrainStorage)fixture.Engine.Services.GetRequiredKeyedService<IGrainStorage>(GrainPersistence.ExpiringStorage);
        var user = NewUser();
        for (var i = 0; i <= IdempotencyLog.Limit + 5; i++)
        {
            fixture.Engine.Time.Advance(TimeSpan.FromSeconds(10));
            await _client.DecideAsync(new { user_id = user, action = "transfer", device_id = "phone", ip = "2.125.160.216", amount = 10 + i, currency = "EUR", idempotency_key = $"m-{i}" });
        }
        var held = storage.Count(SpilledAnswers.StateName);

        fixture.Engine.Time.Advance(IdempotencyLog.Window + InProcessGrainStorage.SweepPeriod);

        Assert.True(held >= 6, $"{held} answers kept apart");
        Assert.Equal(0, storage.Count(SpilledAnswers.StateName)); // not the policy simulations' samples, kept there too
    }

    [Fact]
    public async Task An_idempotency_key_reused_for_another_request_is_422()
    {
        var user = NewUser();
        await _client.DecideAsync(new { user_id = user, action = "login", device_id = "d", ip = "2.125.160.216", idempotency_key = "k-2" });

        using var response = await _client.PostDecisionAsync(new { user_id = user, action = "login", device_id = "other", ip = "2.125.160.216", idempotency_key = "k-2" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(["idempotency_key"], (await response.ProblemErrorsAsync()).Keys);
    }

    [Fact]
    public async Task Occurred_at_is_the_time_of_the_action_for_travel()
    {
        var user = NewUser();
        var t = fixture.Engine.Time.GetUtcNow().AddHours(-2);
        await _client.DecideAsync(new { user_id = user, action = "login", device_id = "d", ip = "2.125.160.216", occurred_at = t });

        var tenMinutesLater = await _client.DecideAsync(new { user_id = user, action = "login", device_id = "d", ip = "175.16.199.1", occurred_at = t.AddMinutes(10) });

        Assert.True(tenMinutesLater.Reasons.Contains(Reason.ImpossibleTravel));
    }

    [Fact]
    public async Task A_known_device_far_away_after_a_day_is_not_impossible_travel()
    {
        var user = NewUser();
        var t = fixture.Engine.Time.GetUtcNow().AddDays(-1);
        await _client.DecideAsync(new { user_id = user, action = "login", device_id = "d", ip = "2.125.160.216", occurred_at = t });

        var result = await _client.DecideAsync(new { user_id = user, action = "login", device_id = "d", ip = "175.16.199.1" });

        Assert.False(result.Reasons.Contains(Reason.ImpossibleTravel));
    }

    [Fact]
    public async Task Unknown_paths_are_problem_details()
    {
        using var response = await _client.GetAsync("/v1/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Liveness_and_readiness_answer()
    {
        using var client = fixture.Engine.Client(apiKey: null);

        using var live = await client.GetAsync("/health/live");
        using var ready = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("\"cluster\"", await ready.Content.ReadAsStringAsync());
    }
}
