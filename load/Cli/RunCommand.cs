using RiskEngine.Load.Harness;
using RiskEngine.Load.Reports;
using RiskEngine.Load.Scenarios;
using Spectre.Console;

namespace RiskEngine.Load.Cli;

/// <summary>
/// One scenario in the open model at <c>--rate</c> calls per second. Exit 1: a threshold failed (in an invalid run too:
/// its latencies only understate); 3: every threshold held, but the run is invalid, so that cannot be trusted; 4: every
/// call failed (a wrong key or target), so nothing of the engine's work was measured.
/// </summary>
public static class RunCommand
{
    public static async Task<int> ExecuteAsync(RunOptions options)
    {
        var started = DateTimeOffset.UtcNow;
        using var http = LoadHttp.Create(options.Target);
        var scenario = ScenarioCatalog.Create(options.Scenario, http, options.Target)
            .WithWarmUpDuration(options.WarmUp)
            .WithLoadSimulations(Simulation.Inject(options.Rate, TimeSpan.FromSeconds(1), options.Duration))
            .WithThresholds([.. options.Thresholds]);

        var runner = new Runner();
        var stats = await LiveProgress.ShowAsync(options.Scenario, runner, runner.RunAsync(scenario));
        var report = ScenarioReport.Of($"{options.Scenario} at {options.Rate}/s", stats, options.Thresholds);
        await ReportWriter.WriteAsync(options.Out, new RunReport(
            options.Scenario == DecisionsScenario.Name ? $"run decisions ({options.Target.Mix})" : $"run {options.Scenario}", options.Target.Target.ToString(), started, Machine.Describe(), [report]));

        ResultTable.Print([report]);
        AnsiConsole.MarkupLine($"Reports in [bold]{Markup.Escape(Path.GetFullPath(options.Out))}[/]");
        if (stats.Requests > 0 && stats.Failed == stats.Requests) return 4;
        return report.Thresholds.Any(t => !t.Passed) ? 1 : stats.Valid ? 0 : 3;
    }
}
