using System.Text.Json.Nodes;

namespace RiskEngine.Tests.Deployment;

/// <summary>
/// The runtime settings both engine hosts ship with (their build output's runtimeconfig.json, which publishing copies
/// into the images): the measured ones in BENCHMARKS.md, held here so a project edit cannot drop them unnoticed.
/// </summary>
public sealed class RuntimeSettingsTests
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
        Assert.Equal(8 * 1024 * 1024, options["System.GC.Gen0MaxBudget"]!.GetValue<int>());
        Assert.Equal(0, options["System.Threading.ThreadPool.UnfairSemaphoreSpinLimit"]!.GetValue<int>());
    }
}
