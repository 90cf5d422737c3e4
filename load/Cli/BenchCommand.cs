using System.Text.Json;
using RiskEngine.Load.Harness;
using RiskEngine.Load.Reports;
using RiskEngine.Load.Scenarios;
using Spectre.Console;

namespace RiskEngine.Load.Cli;

/// <summary>
/// Finds the maximum throughput of <c>baseline</c> and of <c>decisions</c> in the closed model (the best of a
/// few concurrency levels), then runs <c>decisions</c> in the open model at half that maximum, and <c>baseline</c> at
/// the same rate beside it: the floor under that p99 on this host, which tells a slow engine from a slow machine. Writes
/// <c>bench.json</c> next to the reports. Exit 3 when a run was invalid (the generator fell behind), 4 when a
/// scenario failed at every concurrency level.
/// </summary>
public static class BenchCommand
{
    private static readonly int[] Copies = [8, 32, 128];

    private static string Command(BenchOptions options) => $"bench (decisions: {options.Target.Mix})";

    public static async Task<int> ExecuteAsync(BenchOptions options)
    {
        var started = DateTimeOffset.UtcNow;
        using var http = LoadHttp.Create(options.Target);
        var reports = new List<ScenarioReport>();
        var step = options.Duration / Copies.Length;

        var baseline = await MaximumAsync(BaselineScenario.Name, http, options, step, TimeSpan.FromSeconds(3), reports);
        var decisions = await MaximumAsync(DecisionsScenario.Name, http, options, step, TimeSpan.FromSeconds(5), reports);
        if (baseline == 0 || decisions == 0)
        {
            // No maximum to halve or compare: the failures themselves are the result.
            await ReportWriter.WriteAsync(options.Out, new RunReport(Command(options), options.Target.Target.ToString(), started, Machine.Describe(), reports));
            ResultTable.Print(reports);
            AnsiConsole.MarkupLine($"[red]{(baseline == 0 ? "baseline" : "decisions")} failed at every concurrency[/]: no maximum, no bench.json " +
                                   $"(status codes in {Markup.Escape(Path.GetFullPath(options.Out))}/report.md)");
            return 4;
        }

        var halfRate = Math.Max(1, Math.Round(decisions / 2));
        var half = await OpenAsync(DecisionsScenario.Name, halfRate, http, options, reports);
        // The goal's runs are all above; the floor's own validity shows in its report, not in the goal's.
        var valid = reports.All(r => r.Stats.Valid);
        var floor = await OpenAsync(BaselineScenario.Name, halfRate, http, options, reports);

        // The ratio of the rates as written, so that a reader dividing the file's two numbers gets the file's ratio.
        var (baselineRps, decisionsRps) = (Math.Round(baseline), Math.Round(decisions));
        var result = new BenchResult(baselineRps, decisionsRps, Math.Round(decisionsRps / baselineRps, 3), halfRate,
            Math.Round(half.Latency.P99, 3), Math.Round(half.Lag.P99, 3), Math.Round(floor.Latency.P99, 3), valid,
            reports.Max(r => r.Stats.StealPercent) is { } steal ? Math.Round(steal, 1) : null,
            options.Target.Mix.ToString(), options.Target.Target.ToString(), options.Duration.TotalSeconds, Machine.Describe(), started);

        await ReportWriter.WriteAsync(options.Out, new RunReport(Command(options), result.Target, started, result.Machine, reports));
        await File.WriteAllTextAsync(Path.Combine(options.Out, "bench.json"), JsonSerializer.Serialize(result,
            new JsonSerializerOptions(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true }));

        ResultTable.Print(reports);
        AnsiConsole.MarkupLine($"baseline {result.BaselineRps}/s, decisions {result.DecisionsRps}/s, ratio [bold]{result.Ratio:P1}[/], " +
                               $"p99 at {halfRate}/s: [bold]{result.P99MsAtHalfRate} ms[/] (the bare request's: {result.BaselineP99MsAtHalfRate} ms); " +
                               $"reports and bench.json in {Markup.Escape(Path.GetFullPath(options.Out))}");
        return result.Valid ? 0 : 3;
    }

    /// <summary>The best throughput over a ladder of closed-model concurrency levels.</summary>
    private static async Task<double> MaximumAsync(string name, HttpClient http, BenchOptions options, TimeSpan step, TimeSpan warmUp, List<ScenarioReport> reports)
    {
        var best = 0.0;
        for (var i = 0; i < Copies.Length; i++)
        {
            var scenario = ScenarioCatalog.Create(name, http, options.Target)
                .WithWarmUpDuration(i == 0 ? warmUp : TimeSpan.Zero)
                .WithLoadSimulations(Simulation.KeepConstant(Copies[i], step));
            var stats = await RunAsync(scenario, $"{name}, closed model, {Copies[i]} copies");
            reports.Add(ScenarioReport.Of($"{name} x{Copies[i]} (closed)", stats, []));
            best = Math.Max(best, stats.Failed == 0 ? stats.Rps : 0);
        }
        return best;
    }

    private static async Task<ScenarioStats> OpenAsync(string name, double rate, HttpClient http, BenchOptions options, List<ScenarioReport> reports)
    {
        var stats = await RunAsync(ScenarioCatalog.Create(name, http, options.Target)
            .WithWarmUpDuration(TimeSpan.FromSeconds(3))
            .WithLoadSimulations(Simulation.Inject(rate, TimeSpan.FromSeconds(1), options.Duration)), $"{name}, open model at {rate}/s");
        reports.Add(ScenarioReport.Of($"{name} at {rate}/s (open)", stats, []));
        return stats;
    }

    private static Task<ScenarioStats> RunAsync(Scenario scenario, string title)
    {
        var runner = new Runner();
        return LiveProgress.ShowAsync(title, runner, runner.RunAsync(scenario));
    }
}
