using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using RiskEngine.Users;

namespace RiskEngine.Tests.Grains;

/// <summary>A finished quarter hour of decision samples moves from the silo's memory to the archive, and simulations still see it.</summary>
public sealed class DecisionSampleArchiveTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task A_finished_quarter_hour_is_archived_and_still_judged()
    {
        var tenant = "tenant-" + Guid.NewGuid().ToString("N");
        var transfer = new DecisionRequest(UserAction.Transfer, "d", IPAddress.Parse("2.125.160.216"), 1_500m, "EUR", fixture.Time.GetUtcNow());
        for (var i = 0; i < 3; i++) await fixture.Grains.GetGrain<IUserRiskGrain>(GrainKeys.For(tenant, $"u{i}")).DecideAsync(transfer);
        var services = fixture.Cluster.Silos[0].ServiceProvider;
        var sampler = services.GetRequiredService<DecisionSampler>();

        fixture.Time.Advance(DecisionSampler.SlotLength);
        await services.GetRequiredService<DecisionSampleArchiver>().ArchiveAsync(includeCurrent: false);
        var report = await fixture.Grains.GetGrain<IPolicyGrain>(tenant)
            .SimulateAsync(Policy.Default with { Thresholds = new PolicyThresholds { HighValueTxn = new CurrencyAmounts(2_000m) } }, hours: 24);

        Assert.Empty(sampler.Held(tenant)); // no longer in the silo's memory
        Assert.Equal((3, 3L, 3L), (report.Sampled, report.Decisions, report.Changed));
    }

    [Fact]
    public async Task A_quarter_hour_archived_while_its_silo_still_holds_it_counts_once()
    {
        var tenant = "tenant-" + Guid.NewGuid().ToString("N");
        var transfer = new DecisionRequest(UserAction.Transfer, "d", IPAddress.Parse("2.125.160.216"), 1_500m, "EUR", fixture.Time.GetUtcNow());
        for (var i = 0; i < 3; i++) await fixture.Grains.GetGrain<IUserRiskGrain>(GrainKeys.For(tenant, $"u{i}")).DecideAsync(transfer);
        var silo = fixture.Cluster.Silos[0];
        var (slot, contribution) = Assert.Single(silo.ServiceProvider.GetRequiredService<DecisionSampler>().Held(tenant));

        // The archiver's write has landed; the silo has not yet let go of the quarter hour.
        await fixture.Grains.GetGrain<IDecisionSampleArchiveGrain>(GrainKeys.For(tenant, slot.ToString(CultureInfo.InvariantCulture)))
            .AddAsync(silo.SiloAddress.ToParsableString(), contribution);
        var report = await fixture.Grains.GetGrain<IPolicyGrain>(tenant).SimulateAsync(Policy.Default, hours: 1);

        Assert.Equal((3, 3L), (report.Sampled, report.Decisions));
    }
}
