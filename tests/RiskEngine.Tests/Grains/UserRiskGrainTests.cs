using RiskEngine.Users;

namespace RiskEngine.Tests.Grains;

public sealed class UserRiskGrainTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private IUserRiskGrain User(string tenant = "t1") =>
        fixture.Grains.GetGrain<IUserRiskGrain>(GrainKeys.For(tenant, "user-" + Guid.NewGuid().ToString("N")));

    private DecisionRequest Login(string device = "dev-1", string ip = "2.125.160.216") =>
        new(UserAction.Login, device, IPAddress.Parse(ip), null, null, fixture.Time.GetUtcNow());

    [Fact]
    public async Task A_device_allowed_once_is_known_the_next_time()
    {
        var user = User();

        var first = await user.DecideAsync(Login());
        var second = await user.DecideAsync(Login());

        Assert.Equal(ReasonSet.Of(Reason.FirstSeen), first.Reasons);
        Assert.Equal((Outcome.Allow, 0, ReasonSet.Empty), (second.Outcome, second.RiskScore, second.Reasons));
    }

    [Fact]
    public async Task History_survives_the_grain_being_deactivated()
    {
        var user = User();
        await user.DecideAsync(Login());

        await fixture.Cluster.DeactivateAsync(user);
        var after = await user.DecideAsync(Login());

        Assert.False(after.Reasons.Contains(Reason.FirstSeen) || after.Reasons.Contains(Reason.NewDevice));
    }

    [Fact]
    public async Task A_step_up_opens_a_session_grain_that_knows_its_decision()
    {
        var user = User();
        await user.DecideAsync(Login());

        var result = await user.DecideAsync(Login(device: "dev-2", ip: "89.160.20.112"));
        var session = await fixture.Grains.GetGrain<IStepUpSessionGrain>(GrainKeys.For("t1", result.StepUp!.SessionId)).GetAsync();

        Assert.Equal(Outcome.StepUp, result.Outcome);
        Assert.Equal((result.DecisionId, StepUpMethod.Active3D, SessionStatus.NotStarted), (session!.DecisionId, session.Method, session.Status));
        Assert.Equal([SessionStatus.NotStarted], session.History.Select(h => h.Status));
    }

    [Fact]
    public async Task A_started_session_waits_for_its_webhooks_in_storage_not_in_memory()
    {
        var user = User();
        await user.DecideAsync(Login());
        var result = await user.DecideAsync(Login(device: "dev-2", ip: "89.160.20.112"));
        var session = fixture.Grains.GetGrain<IStepUpSessionGrain>(GrainKeys.For("t1", result.StepUp!.SessionId));
        var management = fixture.Grains.GetGrain<IManagementGrain>(0);

        // It leaves memory as soon as its start is stored (the call that started it has already returned).
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await management.GetGrainActivationCount((GrainReference)session) > 0 && DateTime.UtcNow < deadline) await Task.Delay(20);

        Assert.Equal(0, await management.GetGrainActivationCount((GrainReference)session));
        Assert.Equal(result.DecisionId, (await session.GetAsync())!.DecisionId);
    }

    [Fact]
    public async Task A_step_up_that_was_not_approved_leaves_the_device_unknown()
    {
        var user = User();
        await user.DecideAsync(Login());
        await user.DecideAsync(Login(device: "dev-2", ip: "89.160.20.112"));

        var again = await user.DecideAsync(Login(device: "dev-2", ip: "89.160.20.112"));

        Assert.Equal(Outcome.StepUp, again.Outcome);
        Assert.True(again.Reasons.Contains(Reason.NewDevice));
    }

    [Fact]
    public async Task The_same_user_id_in_two_tenants_is_two_users()
    {
        var id = "shared-" + Guid.NewGuid().ToString("N");
        var inT1 = fixture.Grains.GetGrain<IUserRiskGrain>(GrainKeys.For("t1", id));
        var inT2 = fixture.Grains.GetGrain<IUserRiskGrain>(GrainKeys.For("t2", id));
        await inT1.DecideAsync(Login());

        var first = await inT2.DecideAsync(Login());

        Assert.True(first.Reasons.Contains(Reason.FirstSeen));
    }

    [Fact]
    public async Task Policy_saves_are_versioned_one_after_another()
    {
        var policy = fixture.Grains.GetGrain<IPolicyGrain>("tenant-" + Guid.NewGuid().ToString("N"));

        var saved = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => policy.SaveAsync(Policy.Default with { Weights = new SignalWeights { NewIp = i } }, "test", null)));

        Assert.Equal([1, 2, 3, 4, 5], saved.Select(p => p.Version).Order());
        Assert.Equal(5, (await policy.GetAsync()).Version);
    }

    [Fact]
    public async Task Reloading_a_saved_policy_never_changes_the_default_other_tenants_get()
    {
        var saved = fixture.Grains.GetGrain<IPolicyGrain>("tenant-" + Guid.NewGuid().ToString("N"));
        await saved.SaveAsync(Policy.Default with { Weights = new SignalWeights { NewAsn = 33 } }, "test", null);

        await fixture.Cluster.DeactivateAsync(saved);
        Assert.Equal(33, (await saved.GetAsync()).Weights.NewAsn);
        var untouched = await fixture.Grains.GetGrain<IPolicyGrain>("tenant-" + Guid.NewGuid().ToString("N")).GetAsync();

        Assert.Equal((0, 10), (untouched.Version, untouched.Weights.NewAsn));
        Assert.Equal(10, Policy.Default.Weights.NewAsn);
    }

    [Fact]
    public async Task A_decision_uses_the_tenant_policy_it_names()
    {
        var tenant = "tenant-" + Guid.NewGuid().ToString("N");
        await fixture.Grains.GetGrain<IPolicyGrain>(tenant).SaveAsync(Policy.Default with { Weights = new SignalWeights { FirstSeen = 45 } }, "test", null);

        var result = await User(tenant).DecideAsync(Login());

        Assert.Equal((Outcome.StepUp, 45, 1), (result.Outcome, result.RiskScore, result.PolicyVersion));
    }
}
