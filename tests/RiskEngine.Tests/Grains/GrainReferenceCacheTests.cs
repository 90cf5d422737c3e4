using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;
using RiskEngine.Users;

namespace RiskEngine.Tests.Grains;

public sealed class GrainReferenceCacheTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task A_reference_from_the_cache_is_the_one_Orleans_makes_and_reaches_the_same_grain()
    {
        var cache = ActivatorUtilities.CreateInstance<GrainReferenceCache>(fixture.Cluster.Client.ServiceProvider);
        var key = GrainKeys.For("t-cache", "user-" + Guid.NewGuid().ToString("N"));
        var orleans = (GrainReference)fixture.Grains.GetGrain<IUserRiskGrain>(key);
        await fixture.Grains.GetGrain<IUserRiskGrain>(key).DecideAsync(
            new DecisionRequest(UserAction.Login, "dev-1", IPAddress.Parse("2.125.160.216"), null, null, fixture.Time.GetUtcNow()));

        var cached = cache.Get<IUserRiskGrain>(key);
        var again = cache.Get<IUserRiskGrain>(key);
        var session = (GrainReference)cache.Get<IStepUpSessionGrain>(key);

        Assert.Equal((orleans.GrainId, orleans.InterfaceType), (((GrainReference)cached).GrainId, ((GrainReference)cached).InterfaceType));
        Assert.Equal(((GrainReference)again).GrainId, ((GrainReference)cached).GrainId);
        Assert.Equal(((GrainReference)fixture.Grains.GetGrain<IStepUpSessionGrain>(key)).GrainId, session.GrainId);
        Assert.Equal(1, (await cached.GetAsync())!.KnownDevices);
    }
}
