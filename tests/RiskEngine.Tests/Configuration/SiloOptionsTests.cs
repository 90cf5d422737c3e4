using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using RiskEngine.Hosting;

namespace RiskEngine.Tests.Configuration;

public sealed class SiloOptionsTests
{
    [Fact]
    public async Task The_directory_cache_is_bounded_well_below_orleans_default_of_a_million()
    {
        // Every short-lived step-up session and idempotency record leaves an entry; unbounded they would fill it in about 20 minutes at 3,000 decisions/s.
        await using var engine = new Engine();
        engine.StartServer();

        var options = engine.Services.GetRequiredService<IOptions<GrainDirectoryOptions>>().Value;

        Assert.Equal(RiskEngineHostingExtensions.DirectoryCacheSize, options.CacheSize);
        Assert.True(options.CacheSize <= 100_000);
    }
}
