using System.Security.Cryptography;
using System.Text;

namespace RiskEngine.Tests.Api;

/// <summary>Policy tests (reading, saving, versions, simulating) use tenant acme with its own engine, so saved policies never reach other tests.</summary>
public sealed class PolicyApiTests : IAsyncLifetime
{
    private readonly EngineFixture _fixture = new();
    private HttpClient _admin = null!;
    private HttpClient _decide = null!;

    public async ValueTask InitializeAsync()
    {
        await _fixture.InitializeAsync();
        _admin = _fixture.Engine.Client(EngineFixture.AcmeAdminKey);
        _decide = _fixture.Engine.Client(EngineFixture.AcmeDecideKey);
    }

    public ValueTask DisposeAsync() => _fixture.DisposeAsync();

    private Task<HttpResponseMessage> PutAsync(string json) =>
        _admin.PutAsync("/v1/policy", new StringContent(json, Encoding.UTF8, "application/json"));

    [Fact]
    public async Task A_tenant_without_a_saved_policy_reads_the_defaults_as_version_0()
    {
        var policy = await _admin.GetFromJsonAsync<Policy>("/v1/policy", Json.Options);

        Assert.Equal(0, policy!.Version);
        Assert.Equal(40, policy.Weights.NewDevice);
        Assert.Equal(3, policy.Bands.Length);
    }

    [Fact]
    public async Task A_saved_policy_gets_the_next_version_and_keeps_it()
    {
        using var first = await PutAsync("""{"weights":{"new_device":45}}""");
        using var second = await PutAsync("""{"weights":{"new_device":50}}""");
        var current = await _admin.GetFromJsonAsync<Policy>("/v1/policy", Json.Options);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(1, (await first.Content.ReadFromJsonAsync<Policy>(Json.Options))!.Version);
        Assert.Equal(2, current!.Version);
        Assert.Equal(50, current.Weights.NewDevice);
        Assert.Equal(20, current.Weights.NewIp); // left out: the default
        Assert.Equal(_fixture.Engine.Time.GetUtcNow(), current.UpdatedAt);
    }

    private async Task<HttpResponseMessage> PutIfMatchAsync(string json, string ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/v1/policy") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await _admin.SendAsync(request);
    }

    [Fact]
    public async Task A_put_on_top_of_the_version_read_saves_and_one_on_top_of_an_older_version_is_412_and_changes_nothing()
    {
        using var read = await _admin.GetAsync("/v1/policy");
        var etag = read.Headers.ETag!.Tag;

        using var first = await PutIfMatchAsync("""{"weights":{"new_device":45}}""", etag);
        using var second = await PutIfMatchAsync("""{"weights":{"new_device":50}}""", etag); // read before the first was saved
        var current = await _admin.GetFromJsonAsync<Policy>("/v1/policy", Json.Options);

        Assert.Equal("\"0\"", etag);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("\"1\"", first.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, second.StatusCode);
        Assert.Contains("version 1, not 0", (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal((1, 45), (current!.Version, current.Weights.NewDevice));
    }

    [Fact]
    public async Task A_put_with_if_match_star_or_without_if_match_saves_on_top_of_whatever_is_current()
    {
        using var first = await PutAsync("""{"weights":{"new_device":45}}""");
        using var second = await PutIfMatchAsync("""{"weights":{"new_device":50}}""", "*");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(2, (await second.Content.ReadFromJsonAsync<Policy>(Json.Options))!.Version);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("W/\"0\"")]
    [InlineData("\"zero\"")]
    public async Task An_if_match_that_is_not_a_version_is_400_naming_it_and_changes_nothing(string ifMatch)
    {
        using var response = await PutIfMatchAsync("""{"weights":{"new_device":45}}""", ifMatch);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["If-Match"], (await response.ProblemErrorsAsync()).Keys);
        Assert.Equal(0, (await _admin.GetFromJsonAsync<Policy>("/v1/policy", Json.Options))!.Version);
    }

    [Fact]
    public async Task Earlier_versions_stay_readable_so_a_decision_can_be_explained_by_the_policy_it_names()
    {
        var savedAt = _fixture.Engine.Time.GetUtcNow();
        using var first = await PutAsync("""{"weights":{"new_device":45}}""");
        _fixture.Engine.Time.Advance(TimeSpan.FromHours(1));
        using var second = await PutAsync("""{"weights":{"new_device":50}}""");

        var versions = await _admin.GetFromJsonAsync<PolicyVersion[]>("/v1/policy/versions", Json.Options);
        var one = await _admin.GetFromJsonAsync<Policy>("/v1/policy/versions/1", Json.Options);
        var builtIn = await _admin.GetFromJsonAsync<Policy>("/v1/policy/versions/0", Json.Options);
        using var never = await _admin.GetAsync("/v1/policy/versions/3");

        Assert.Equal([new PolicyVersion(2, savedAt.AddHours(1), EngineFixture.AcmeAdminName), new PolicyVersion(1, savedAt, EngineFixture.AcmeAdminName),
            new PolicyVersion(0, null, null)], versions!);
        Assert.Equal((1, 45), (one!.Version, one.Weights.NewDevice));
        Assert.Equal((0, 40), (builtIn!.Version, builtIn.Weights.NewDevice));
        Assert.Equal(HttpStatusCode.NotFound, never.StatusCode);
    }

    [Fact]
    public async Task A_saved_version_records_which_key_saved_it_by_name_or_else_by_fingerprint()
    {
        using var named = await PutAsync("""{"weights":{"new_device":45},"updated_by":"someone else"}""");
        using var unnamed = await _fixture.Engine.Client().PutAsync("/v1/policy", new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (named.StatusCode, unnamed.StatusCode));
        Assert.Equal(EngineFixture.AcmeAdminName, (await named.Content.ReadFromJsonAsync<Policy>(Json.Options))!.UpdatedBy); // not what the document said
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Engine.ApiKey)))[..8];
        Assert.Equal($"key {fingerprint}", (await unnamed.Content.ReadFromJsonAsync<Policy>(Json.Options))!.UpdatedBy);
    }

    [Fact]
    public async Task Only_the_newest_versions_are_kept()
    {
        for (var i = 0; i <= PolicyState.KeptVersions + 1; i++) (await PutAsync($$$"""{"weights":{"new_device":{{{i % 100}}}}}""")).Dispose();

        var versions = await _admin.GetFromJsonAsync<PolicyVersion[]>("/v1/policy/versions", Json.Options);
        using var dropped = await _admin.GetAsync("/v1/policy/versions/1");
        using var oldestKept = await _admin.GetAsync("/v1/policy/versions/2");

        Assert.Equal([.. Enumerable.Range(2, PolicyState.KeptVersions + 1).Reverse(), 0], versions!.Select(v => v.Version));
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.OK), (dropped.StatusCode, oldestKept.StatusCode));
    }

    [Fact]
    public async Task A_saved_policy_applies_to_the_next_decision_which_names_its_version()
    {
        var login = new { user_id = "u-policy", action = "login", device_id = "d1", ip = "2.125.160.216" };
        await _decide.DecideAsync(login);
        var before = await _decide.DecideAsync(login with { device_id = "d2" });

        using var put = await PutAsync("""{"weights":{"new_device":10}}""");
        var after = await _decide.DecideAsync(login with { device_id = "d3" });

        Assert.Equal((Outcome.StepUp, 0, 40), (before.Outcome, before.PolicyVersion, before.RiskScore));
        Assert.Equal((Outcome.Allow, 1, 10), (after.Outcome, after.PolicyVersion, after.RiskScore));
    }

    [Fact]
    public async Task An_invalid_policy_is_400_naming_every_bad_field_and_changes_nothing()
    {
        using var response = await PutAsync("""
            {
              "weights": { "new_device": -5, "new_phone": 10 },
              "bands": [ { "min": 0, "max": 39, "outcome": "allow" }, { "min": 45, "max": 100, "outcome": "step_up", "method": "PASSIVE" } ],
              "thresholds": { "high_value_txn": { "default": 20000 }, "impossible_travel_kmh": -1 },
              "colour": "red"
            }
            """);
        var current = await _admin.GetFromJsonAsync<Policy>("/v1/policy", Json.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
        [
            "bands[1]", "colour", "thresholds.impossible_travel_kmh", "thresholds.very_high_value_txn.default",
            "weights.new_device", "weights.new_phone",
        ], (await response.ProblemErrorsAsync()).Keys.Order());
        Assert.Equal(0, current!.Version);
    }

    [Theory]
    [InlineData("""{"weights":null}""", "weights")]
    [InlineData("""{"weights":{"new_device":"high"}}""", "weights.new_device")]
    [InlineData("""{"bands":[{"min":0,"outcome":"allow"}]}""", "bands[0]")]
    [InlineData("""{"bands":[{"min":0,"max":100,"outcome":"maybe"}]}""", "bands[0].outcome")]
    public async Task A_policy_of_the_wrong_shape_is_400_naming_the_field(string json, string field)
    {
        using var response = await PutAsync(json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], (await response.ProblemErrorsAsync()).Keys);
    }

    [Fact]
    public async Task A_decide_only_key_cannot_change_the_policy()
    {
        using var response = await _decide.PutAsync("/v1/policy", new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    // What a candidate policy would do on the tenant's recent decisions, before saving it.

    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task A_higher_high_value_threshold_shows_which_recent_transfers_would_no_longer_step_up_and_saves_nothing()
    {
        await _decide.DecideAsync(new { user_id = "sim-1", action = "login", device_id = "phone", ip = "2.125.160.216" });
        var large = await _decide.DecideAsync(new { user_id = "sim-1", action = "transfer", device_id = "phone", ip = "2.125.160.216", amount = 1_500, currency = "EUR" });
        var larger = await _decide.DecideAsync(new { user_id = "sim-1", action = "transfer", device_id = "phone", ip = "2.125.160.216", amount = 2_500, currency = "EUR" });
        Assert.Equal((Outcome.StepUp, Outcome.StepUp), (large.Outcome, larger.Outcome));

        using var response = await _admin.PostAsync("/v1/policy/simulate", Body("""{"thresholds":{"high_value_txn":{"default":2000}}}"""));
        var report = await response.Content.ReadFromJsonAsync<PolicySimulation>(Json.Options);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((3, 3L, 0), (report!.Sampled, report.Decisions, report.CurrentVersion));
        Assert.Equal(new OutcomeCounts(1, 2, 0, 0), report.Current);
        Assert.Equal(new OutcomeCounts(2, 1, 0, 0), report.Candidate);
        Assert.Equal([new OutcomeChange(SimulatedOutcome.StepUpPassive, SimulatedOutcome.Allow, 1)], report.Changes);
        var example = Assert.Single(report.Examples);
        Assert.Equal((large.DecisionId, UserAction.Transfer), (example.DecisionId, example.Action));
        Assert.Equal(new SimulatedVerdict(Outcome.Allow, null, 0, ReasonSet.Empty), example.Candidate);
        var policy = await _admin.GetFromJsonAsync<Policy>("/v1/policy", Json.Options);
        Assert.Equal(0, policy!.Version);
    }

    [Fact]
    public async Task The_report_names_outcomes_and_counts_as_documented()
    {
        await _decide.DecideAsync(new { user_id = "sim-2", action = "account_recovery", device_id = "phone", ip = "2.125.160.216" });

        using var response = await _admin.PostAsync("/v1/policy/simulate", Body("""{"floors":{"account_recovery":"PASSIVE"}}"""));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("current").GetProperty("step_up_active_3d").GetInt64());
        Assert.Equal(1, root.GetProperty("candidate").GetProperty("step_up_passive").GetInt64());
        var change = Assert.Single(root.GetProperty("changes").EnumerateArray());
        Assert.Equal(("step_up_active_3d", "step_up_passive", 1), (change.GetProperty("from").GetString(), change.GetProperty("to").GetString(),
            change.GetProperty("decisions").GetInt32()));
        Assert.Equal("ACTIVE_3D", root.GetProperty("examples")[0].GetProperty("current").GetProperty("method").GetString());
        Assert.Equal("account_recovery", Assert.Single(root.GetProperty("by_action").EnumerateArray()).GetProperty("action").GetString());

        var document = await _admin.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var schemas = document.GetProperty("components").GetProperty("schemas");
        Assert.Equal(root.EnumerateObject().Select(p => p.Name).Order(),
            schemas.GetProperty(nameof(PolicySimulation)).GetProperty("properties").EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(root.GetProperty("current").EnumerateObject().Select(p => p.Name).Order(),
            schemas.GetProperty(nameof(OutcomeCounts)).GetProperty("properties").EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public async Task The_period_can_be_narrowed_to_the_last_hours()
    {
        await _decide.DecideAsync(new { user_id = "sim-4", action = "login", device_id = "phone", ip = "2.125.160.216" });
        _fixture.Engine.Time.Advance(TimeSpan.FromHours(1));
        await _decide.DecideAsync(new { user_id = "sim-4", action = "login", device_id = "phone", ip = "2.125.160.216" });

        var lastHour = await (await _admin.PostAsync("/v1/policy/simulate?hours=1", Body("{}"))).Content.ReadFromJsonAsync<PolicySimulation>(Json.Options);
        var day = await (await _admin.PostAsync("/v1/policy/simulate", Body("{}"))).Content.ReadFromJsonAsync<PolicySimulation>(Json.Options);
        using var none = await _admin.PostAsync("/v1/policy/simulate?hours=0", Body("{}"));

        Assert.Equal((1, 2), (lastHour!.Sampled, day!.Sampled));
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Equal(["hours"], (await none.ProblemErrorsAsync()).Keys);
    }

    [Fact]
    public async Task A_decision_asked_for_again_with_its_idempotency_key_counts_once()
    {
        var transfer = new { user_id = "sim-5", action = "transfer", device_id = "phone", ip = "2.125.160.216", amount = 1_500, currency = "EUR", idempotency_key = "t-1" };
        var first = await _decide.DecideAsync(transfer);
        var again = await _decide.DecideAsync(transfer);

        var report = await (await _admin.PostAsync("/v1/policy/simulate", Body("{}"))).Content.ReadFromJsonAsync<PolicySimulation>(Json.Options);

        Assert.Equal(first, again);
        Assert.Equal((1, 1L), (report!.Sampled, report.Decisions));
    }

    [Fact]
    public async Task A_candidate_is_validated_like_a_saved_policy()
    {
        using var response = await _admin.PostAsync("/v1/policy/simulate", Body("""{"weights":{"new_device":-5},"colour":"red"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["colour", "weights.new_device"], (await response.ProblemErrorsAsync()).Keys.Order());
    }

    [Fact]
    public async Task Simulating_needs_the_admin_scope()
    {
        using var response = await _decide.PostAsync("/v1/policy/simulate", Body("{}"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Another_tenants_decisions_are_not_in_the_sample()
    {
        await _fixture.Engine.Client().DecideAsync(new { user_id = "sim-3", action = "login", device_id = "phone", ip = "2.125.160.216" });

        var report = await (await _admin.PostAsync("/v1/policy/simulate", Body("{}"))).Content.ReadFromJsonAsync<PolicySimulation>(Json.Options);

        Assert.Equal((0, 0L), (report!.Sampled, report.Decisions));
        Assert.Empty(report.Examples);
    }
}
