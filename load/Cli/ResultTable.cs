using System.Globalization;
using RiskEngine.Load.Reports;
using RiskEngine.Load.Scenarios;
using Spectre.Console;

namespace RiskEngine.Load.Cli;

public static class ResultTable
{
    public static void Print(IEnumerable<ScenarioReport> reports)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive) AnsiConsole.Profile.Width = 160; // logs and CI: no wrapping
        var table = new Table().AddColumns("scenario", "requests", "failed", "rps", "p50 ms", "p99 ms", "p99.9 ms", "max ms", "lag p99 ms", "valid", "generator CPU", "steal");
        foreach (var r in reports)
        {
            var s = r.Stats;
            table.AddRow(Markup.Escape(r.Title), N(s.Requests), N(s.Failed), F(s.Rps, "0"), F(s.Latency.P50), F(s.Latency.P99), F(s.Latency.P999),
                F(s.Latency.Max), F(s.Lag.P99), s.Valid ? "yes" : "[red]no[/]", F(s.GeneratorCores), s.StealPercent is { } steal ? F(steal, "0.0") + " %" : "n/a");
        }
        AnsiConsole.Write(table);
        foreach (var r in reports)
        {
            if (r.Stats.InvalidReason is { } reason) AnsiConsole.MarkupLine($"[red]{Markup.Escape(r.Title)}: {Markup.Escape(reason)}[/]");
            if (r.Stats.Failed > 0)
            {
                // Why calls failed belongs beside the count, not only in report.md: a wrong key or target shows at once.
                var why = string.Join(", ", r.Stats.Errors.OrderByDescending(e => e.Value).Take(5).Select(e => $"{e.Key}: {N(e.Value)}"));
                AnsiConsole.MarkupLine($"[red]{Markup.Escape(r.Title)}: {N(r.Stats.Failed)} of {N(r.Stats.Requests)} calls failed ({Markup.Escape(why)})[/]");
            }
            foreach (var t in r.Thresholds)
                AnsiConsole.MarkupLine($"{(t.Passed ? "[green]passed[/]" : "[red]FAILED[/]")} {Markup.Escape(t.Threshold)} (measured {F(t.Actual, "0.###")})");
        }
        // A 429 is the tenant's quota (20,000/s by default) answering, not the engine: say so, and what to change.
        if (reports.Sum(r => r.Stats.StatusCodes.GetValueOrDefault(429)) is > 0 and var limited)
            AnsiConsole.MarkupLine($"[yellow]{N(limited)} calls got 429 (the tenant's rate limit)[/]: that measured the limit, not the engine; " +
                                   "measure an engine whose limit is above the rate (load/bench.sh sets RiskEngine__RateLimit__RequestsPerSecond=1000000000)");
        // Likewise a stepup run faster than the tenant's new-device session budget (240 a minute by default).
        if (reports.Sum(r => r.Stats.Errors.GetValueOrDefault(StepUpScenario.BudgetSpent)) is > 0 and var spent)
            AnsiConsole.MarkupLine($"[yellow]{N(spent)} new devices were blocked by the tenant's new-device session budget[/]: " +
                                   "measure an engine whose budget is above the rate times 60 (load/bench.sh and load/chaos.sh set RiskEngine__Didit__NewDeviceSessionsPerMinute=1000000000)");
    }

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string F(double value, string format = "0.00") => value.ToString(format, CultureInfo.InvariantCulture);
}
