using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;
using RiskEngine.Hosting;
using RiskEngine.Users;

namespace RiskEngine.Tests.Grains;

/// <summary>
/// What each silo keeps for policies, on two silos. Decisions read the policy from their silo's cache: a save must
/// reach every silo's cache before it returns, or a decision on another silo would use the old version. Each silo
/// samples the decisions it made: a simulation must judge every silo's.
/// </summary>
public sealed class PerSiloPolicyTests : IAsyncLifetime
{
    private readonly InProcessTestCluster _cluster;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 13, 0, 0, TimeSpan.Zero));

    public PerSiloPolicyTests()
    {
        var builder = new InProcessTestClusterBuilder(2);
        // Two silos share no memory, so embedded mode's in-process storage would split: Orleans' memory storage (grains
        // both silos reach) stands in for Redis, with the engine's binary serializer.
        builder.ConfigureSilo((_, silo) => silo
            .AddMemoryGrainStorageAsDefault(Binary)
            .AddMemoryGrainStorage(GrainPersistence.ExpiringStorage, Binary)
            .UseInMemoryReminderService());
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["RiskEngine:PublicBaseUrl"] = "http://engine.test" });
            host.Services.AddRiskEngineGrainServices(host.Configuration);
            host.Services.AddKeyedSingleton<TimeProvider>(Clock.Key, _time);
        });
        _cluster = builder.Build();
    }

    private static void Binary(OptionsBuilder<MemoryGrainStorageOptions> options) =>
        options.Configure<Serializer>((o, serializer) => o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));

    public async ValueTask InitializeAsync() => await _cluster.DeployAsync();

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_saved_policy_reaches_decisions_on_every_silo_at_once()
    {
        var tenant = "tenant-" + Guid.NewGuid().ToString("N");
        var users = Enumerable.Range(0, 40).Select(i => _cluster.Client.GetGrain<IUserRiskGrain>(GrainKeys.For(tenant, $"u{i}"))).ToList();
        var login = new DecisionRequest(UserAction.Login, "d", IPAddress.Parse("2.125.160.216"), null, null, _time.GetUtcNow());
        foreach (var user in users) Assert.Equal(0, (await user.DecideAsync(login)).PolicyVersion); // both silos now cache version 0
        Assert.Equal(2, _cluster.Silos.Count);

        await _cluster.Client.GetGrain<IPolicyGrain>(tenant).SaveAsync(Policy.Default with { Weights = new SignalWeights { NewAsn = 11 } }, "test", null);

        var versions = await Task.WhenAll(users.Select(u => u.DecideAsync(login).AsTask()));
        Assert.All(versions, v => Assert.Equal(1, v.PolicyVersion));
    }

    [Fact]
    public async Task A_save_on_top_of_an_old_version_reaches_a_cluster_client_as_a_conflict_naming_the_current_version()
    {
        var policy = _cluster.Client.GetGrain<IPolicyGrain>("tenant-" + Guid.NewGuid().ToString("N"));
        await policy.SaveAsync(Policy.Default, "first", ifVersion: 0);

        var conflict = await Assert.ThrowsAsync<PolicyVersionConflictException>(() => policy.SaveAsync(Policy.Default, "second", ifVersion: 0));

        Assert.StartsWith("The policy is at version 1, not 0", conflict.Message);
        Assert.Equal(1, (await policy.GetAsync()).Version);
    }

    [Fact]
    public async Task A_simulation_judges_the_decisions_every_silo_made()
    {
        var tenant = "tenant-" + Guid.NewGuid().ToString("N");
        var transfer = new DecisionRequest(UserAction.Transfer, "d", IPAddress.Parse("2.125.160.216"), 1_500m, "EUR", _time.GetUtcNow());
        // 40 users land on both silos (random placement); each first transfer is a PASSIVE step-up for its amount.
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => _cluster.Client.GetGrain<IUserRiskGrain>(GrainKeys.For(tenant, $"u{i}")).DecideAsync(transfer).AsTask()));

        var report = await _cluster.Client.GetGrain<IPolicyGrain>(tenant)
            .SimulateAsync(Policy.Default with { Thresholds = new PolicyThresholds { HighValueTxn = new CurrencyAmounts(2_000m) } }, hours: 24);

        Assert.Equal((40, 40L, 40L), (report.Sampled, report.Decisions, report.Changed));
        Assert.Equal(new OutcomeCounts(40, 0, 0, 0), report.Candidate);
        Assert.Equal(PolicySimulator.MaxExamples, report.Examples.Count);
    }
}
