using RiskEngine.StepUps;

namespace RiskEngine.Tests.StepUps;

public sealed class NewDeviceSessionBudgetTests
{
    private static readonly DateTime At = new(2026, 12, 2, 18, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void At_most_the_budget_is_taken_within_any_minute()
    {
        var budget = new NewDeviceSessionBudget(3);

        bool[] taken =
        [
            budget.TryTake(At), budget.TryTake(At.AddSeconds(20)), budget.TryTake(At.AddSeconds(40)),
            budget.TryTake(At.AddSeconds(59)), // three within the minute before
            budget.TryTake(At.AddSeconds(60)), // the first has left it
            budget.TryTake(At.AddSeconds(61)),
            budget.TryTake(At.AddSeconds(80)), // the second has left it
        ];

        Assert.Equal([true, true, true, false, true, false, true], taken);
    }

    [Fact]
    public void A_refused_attempt_takes_nothing_and_a_budget_of_zero_is_none()
    {
        var budget = new NewDeviceSessionBudget(1);
        var none = new NewDeviceSessionBudget(0);

        Assert.True(budget.TryTake(At));
        for (var i = 1; i < 60; i++) Assert.False(budget.TryTake(At.AddSeconds(i))); // a flood does not push the minute on
        Assert.True(budget.TryTake(At.AddSeconds(60)));
        Assert.All(Enumerable.Range(0, 1000), i => Assert.True(none.TryTake(At)));
    }

    [Fact]
    public async Task Past_the_tenant_s_budget_new_devices_are_blocked_with_velocity_while_known_devices_still_step_up()
    {
        const string tenant = "budget", key = "budget-key-0123456789abcdef";
        await using var engine = new Engine(new Dictionary<string, string?>
        {
            [$"RiskEngine:Tenants:{tenant}:ApiKeys:0:Key"] = key,
            [$"RiskEngine:Tenants:{tenant}:Didit:NewDeviceSessionsPerMinute"] = "2",
        });
        engine.StartServer();
        var client = engine.Client(key);
        var users = Enumerable.Range(0, 3).Select(_ => "user-" + Guid.NewGuid().ToString("N")[..12]).ToArray();
        foreach (var user in users) await client.DecideAsync(Login(user, "phone"));

        var laptops = new List<DecisionResult>();
        foreach (var user in users) laptops.Add(await client.DecideAsync(Login(user, "laptop", "89.160.20.112")));
        var again = await client.DecideAsync(Login(users[2], "tablet", "89.160.20.112"));
        var fromPhone = await client.DecideAsync(new { user_id = users[2], action = "transfer", device_id = "phone", ip = "2.125.160.216", amount = 2500, currency = "EUR" });
        engine.Time.Advance(TimeSpan.FromMinutes(1));
        var later = await client.DecideAsync(Login(users[2], "laptop", "89.160.20.112"));

        Assert.Equal([Outcome.StepUp, Outcome.StepUp, Outcome.Block], laptops.Select(d => d.Outcome));
        Assert.Equal((null, null, true), (laptops[2].Method, laptops[2].StepUp, laptops[2].Reasons.Contains(Reason.Velocity)));
        Assert.Equal((Outcome.Block, true), (again.Outcome, again.Reasons.Contains(Reason.Velocity)));
        Assert.Equal(Outcome.StepUp, fromPhone.Outcome);
        Assert.Equal(Outcome.StepUp, later.Outcome);
        Assert.NotNull(later.StepUp);
        string[] counted =
        [
            $$"""\nriskengine_stepups_limited_total\{[^}]*limit="tenant"[^}]*tenant="{{tenant}}"[^}]*\} 2\n""",
            $$"""\nriskengine_stepups_limited_total\{[^}]*limit="user"[^}]*tenant="{{tenant}}"[^}]*\} 0\n""",
        ];
        var text = await engine.MetricsUntilAsync(counted);
        Assert.All(counted, pattern => Assert.Matches(pattern, text));
        // Once for the two refusals within the minute: a flood does not flood the log.
        Assert.Single(engine.Logs.Lines, l => l.StartsWith("Warning") && l.Contains($"Tenant {tenant} opened 2 step-up sessions for new devices within a minute"));
    }

    private static object Login(string user, string device, string ip = "2.125.160.216") =>
        new { user_id = user, action = "login", device_id = device, ip };
}
