using System.Text.Json.Nodes;
using RiskEngine.Hosting;

namespace RiskEngine.Tests.Deployment;

/// <summary>
/// The runtime settings both engine hosts ship with (their build output's runtimeconfig.json, which publishing copies
/// into the images): the measured ones in BENCHMARKS.md, held here so a project edit cannot drop them unnoticed.
/// </summary>
public sealed class RuntimeSettingsTests(SharedRedis redis)
{
    [Theory]
    [InlineData("RiskEngine.Api")]
    [InlineData("RiskEngine.Silo")]
    public void Engine_hosts_run_server_GC_with_fixed_heaps_a_capped_gen0_budget_and_workers_that_do_not_spin(string assembly)
    {
        var path = Path.Combine(AppContext.BaseDirectory, $"{assembly}.runtimeconfig.json");
        var options = JsonNode.Parse(File.ReadAllText(path))!["runtimeOptions"]!["configProperties"]!;

        Assert.True(options["System.GC.Server"]!.GetValue<bool>());
        Assert.Equal(0, options["System.GC.DynamicAdaptationMode"]!.GetValue<int>());
        Assert.Equal(4 * 1024 * 1024, options["System.GC.Gen0MaxBudget"]!.GetValue<int>());
        Assert.Equal(0, options["System.Threading.ThreadPool.UnfairSemaphoreSpinLimit"]!.GetValue<int>());
    }

    /// <summary>
    /// What the runtime took, not what the file says: the runtime reads <c>DOTNET_GCGen0MaxBudget</c> (hexadecimal)
    /// over the runtimeconfig, and ignores the same name in another case (<c>DOTNET_GCgen0MaxBudget</c>).
    /// </summary>
    [Theory]
    [InlineData(null, null, "gen0 budget at most 4 MiB per heap")]
    [InlineData("DOTNET_GCGen0MaxBudget", "800000", "gen0 budget at most 8 MiB per heap")]
    [InlineData("DOTNET_GCgen0MaxBudget", "800000", "gen0 budget at most 4 MiB per heap")]
    public async Task A_silo_logs_the_collector_settings_in_force_at_start(string? variable, string? value, string expected)
    {
        var settings = SiloProcess.OwnCluster(await redis.ConnectionStringAsync());
        if (variable is not null) settings[variable] = value;

        await using var silo = await SiloProcess.StartAsync(settings);

        var line = Assert.Single(silo.Output, l => l.Contains("Garbage collector: "));
        Assert.Contains($"Server GC with {Environment.ProcessorCount} heaps, heap count fixed, {expected}", line);
    }

    [Fact]
    public void The_description_names_the_collector_its_heaps_and_its_gen0_budget()
    {
        Assert.Equal("Server GC with 2 heaps, heap count fixed, gen0 budget at most 8 MiB per heap, background gen2",
            GarbageCollectorSettings.Describe(new Dictionary<string, object>
            {
                ["ServerGC"] = true, ["ConcurrentGC"] = true, ["HeapCount"] = 2L, ["GCDynamicAdaptationMode"] = 0L, ["GCGen0MaxBudget"] = 8L << 20,
            }));
        Assert.Equal("Server GC with 4 heaps, heap count adapting (DATAS), gen0 budget at most 3,000,000 bytes per heap, background gen2",
            GarbageCollectorSettings.Describe(new Dictionary<string, object>
            {
                ["ServerGC"] = true, ["ConcurrentGC"] = true, ["HeapCount"] = 4L, ["GCDynamicAdaptationMode"] = 1L, ["GCGen0MaxBudget"] = 3_000_000L,
            }));
        Assert.Equal("Workstation GC, gen0 budget the collector's own, no background gen2",
            GarbageCollectorSettings.Describe(new Dictionary<string, object>
            {
                ["ServerGC"] = false, ["ConcurrentGC"] = false, ["HeapCount"] = 1L, ["GCDynamicAdaptationMode"] = 0L, ["GCGen0MaxBudget"] = 0L,
            }));
    }
}
