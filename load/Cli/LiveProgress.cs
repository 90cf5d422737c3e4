using System.Globalization;
using RiskEngine.Load.Harness;
using Spectre.Console;

namespace RiskEngine.Load.Cli;

/// <summary>A live progress line while a scenario runs: a redrawn line on a terminal, a line every 5 s otherwise.</summary>
public static class LiveProgress
{
    public static async Task<ScenarioStats> ShowAsync(string title, Runner runner, Task<ScenarioStats> run)
    {
        if (AnsiConsole.Profile.Capabilities.Interactive)
        {
            await AnsiConsole.Live(new Markup(Line(title, runner))).StartAsync(async live =>
            {
                while (!run.IsCompleted)
                {
                    live.UpdateTarget(new Markup(Line(title, runner)));
                    await Task.WhenAny(run, Task.Delay(500));
                }
            });
        }
        else
        {
            while (!run.IsCompleted)
            {
                await Task.WhenAny(run, Task.Delay(5000));
                if (!run.IsCompleted) Console.WriteLine(Markup.Remove(Line(title, runner)));
            }
        }
        return await run;
    }

    private static string Line(string title, Runner runner)
    {
        var (phase, seconds, requests, failed, last) = runner.Progress;
        var second = last is null ? "" : string.Create(CultureInfo.InvariantCulture,
            $" | last second: [bold]{last.Requests}[/] req, p50 {last.P50:0.00} ms, p99 {last.P99:0.00} ms");
        return string.Create(CultureInfo.InvariantCulture,
            $"[blue]{Markup.Escape(title)}[/] {phase} {seconds:0.0}s | {requests} requests, [red]{failed}[/] failed{second}");
    }
}
