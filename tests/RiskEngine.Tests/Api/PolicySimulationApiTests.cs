using System.Text;

namespace RiskEngine.Tests.Api;

/// <summary>A risk analyst tries a policy change on the tenant's recent decisions before saving it (tenant acme, own engine).</summary>
public sealed class PolicySimulationApiTests : IAsyncLifetime
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
