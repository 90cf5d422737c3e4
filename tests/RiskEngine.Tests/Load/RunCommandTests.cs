using System.Text.RegularExpressions;
using RiskEngine.Load.Cli;
using RiskEngine.Load.Scenarios;

namespace RiskEngine.Tests.Load;

/// <summary><c>run</c> and <c>bench</c> end to end, against a real engine on loopback.</summary>
[Collection(TimingCollection.Name)]
public sealed class RunCommandTests : IAsyncLifetime
{
    // No rate limit, as load/bench.sh starts it: bench's closed model goes past the tenant's 20,000/s on a fast machine.
    private readonly Engine _engine = new(new Dictionary<string, string?> { ["RiskEngine:RateLimit:RequestsPerSecond"] = "0" });
    private readonly string _out = Path.Combine(Path.GetTempPath(), "riskengine-load-" + Guid.NewGuid().ToString("N"));

    public ValueTask InitializeAsync()
    {
        _engine.StartServer();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _engine.DisposeAsync();
        if (Directory.Exists(_out)) Directory.Delete(_out, recursive: true);
    }

    // The warm-up takes the engine's cold start (JIT, first activations, in this very process): a generator
    // delayed by it would rightly call the run invalid (exit 3), which is not what these tests are about.
    private string[] Run(string scenario, params string[] more) =>
        ["run", scenario, "--target", _engine.BaseUrl, "--api-key", Engine.ApiKey, "--rate", "50", "--duration", "1s", "--warmup", "1s", "--out", _out, .. more];

    [Fact]
    public async Task A_run_that_meets_its_thresholds_exits_0_and_writes_its_reports()
    {
        var before = DateTimeOffset.UtcNow;
        var exit = await RunCommand.ExecuteAsync((RunOptions)CommandLine.Parse(Run("decisions", "--users", "20", "--threshold", "errors<1%", "--threshold", "p99<5s")));

        var report = await File.ReadAllTextAsync(Path.Combine(_out, "report.md"));
        Assert.Contains("| decisions at 50/s | open |", report);
        Assert.Contains($"# Load report: run decisions ({DecisionMix.Default})", report);
        Assert.Contains("<svg", await File.ReadAllTextAsync(Path.Combine(_out, "report.html")));
        using var stats = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_out, "stats.json")));
        var run = stats.RootElement.GetProperty("scenarios")[0].GetProperty("stats");
        Assert.Equal(50, run.GetProperty("requests").GetInt64());
        // The timeline's seconds count from the measured part, after the warm-up (its 50 calls take just under 1 s), so
        // they can be laid beside the engine's own traces.
        Assert.InRange(run.GetProperty("started_at").GetDateTimeOffset(), before.AddSeconds(0.5), DateTimeOffset.UtcNow);
        Assert.Contains("Measured from ", report);
        // Each second carries its generator lag (what it holds is the scheduler tests' to check).
        Assert.All(run.GetProperty("timeline").EnumerateArray(), p => Assert.True(p.TryGetProperty("lag_p99", out _), "a second without its generator lag"));
        // 50 calls in a process that also hosts the engine: one pause of this machine can make the run invalid (exit 3),
        // which the scheduler's own tests are about, not this one.
        Assert.Equal(run.GetProperty("valid").GetBoolean() ? 0 : 3, exit);
    }

    [Fact]
    public async Task A_run_that_fails_a_threshold_exits_non_zero()
    {
        var exit = await RunCommand.ExecuteAsync((RunOptions)CommandLine.Parse(Run("baseline", "--threshold", "p99<1us")));

        Assert.Equal(1, exit);
        Assert.Contains("**FAILED**", await File.ReadAllTextAsync(Path.Combine(_out, "report.md")));
        Assert.Contains("<code>p99&lt;1us</code>: <strong>FAILED</strong>", await File.ReadAllTextAsync(Path.Combine(_out, "report.html")));
    }

    [Fact]
    public async Task A_run_whose_every_call_failed_says_why_and_exits_4()
    {
        string[] args = [.. Run("decisions", "--users", "5")];
        args[Array.IndexOf(args, Engine.ApiKey)] = "not-a-key-of-this-engine";

        var (exit, output) = await RunCapturingConsoleAsync(args);

        Assert.Equal(4, exit);
        Assert.Contains("50 of 50 calls failed (HTTP 401: 50)", output);
    }

    [Fact]
    public async Task A_run_against_nothing_says_the_connection_was_refused()
    {
        var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        string[] args = [.. Run("baseline")];
        args[Array.IndexOf(args, _engine.BaseUrl)] = $"http://127.0.0.1:{port}";

        var (exit, output) = await RunCapturingConsoleAsync(args);

        Assert.Equal(4, exit);
        Assert.Contains("calls failed (HttpRequestException (ConnectionRefused): ", output);
    }

    private static Task<(int Exit, string Output)> RunCapturingConsoleAsync(string[] args) =>
        CapturingConsoleAsync(() => RunCommand.ExecuteAsync((RunOptions)CommandLine.Parse(args)));

    private static async Task<(int Exit, string Output)> CapturingConsoleAsync(Func<Task<int>> command)
    {
        var output = new StringWriter();
        var console = Spectre.Console.AnsiConsole.Console;
        Spectre.Console.AnsiConsole.Console = Spectre.Console.AnsiConsole.Create(new() { Out = new Spectre.Console.AnsiConsoleOutput(output) });
        try
        {
            return (await command(), output.ToString());
        }
        finally
        {
            Spectre.Console.AnsiConsole.Console = console;
        }
    }

    [Fact]
    public async Task Bench_writes_the_ratio_of_decisions_to_the_bare_http_limit()
    {
        var exit = await BenchCommand.ExecuteAsync((BenchOptions)CommandLine.Parse(
            ["bench", "--target", _engine.BaseUrl, "--api-key", Engine.ApiKey, "--duration", "3s", "--users", "50", "--out", _out]));

        using var bench = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_out, "bench.json")));
        var root = bench.RootElement;
        var baseline = root.GetProperty("baseline_rps").GetDouble();
        var decisions = root.GetProperty("decisions_rps").GetDouble();
        Assert.True(baseline > 0 && decisions > 0);
        Assert.Equal(Math.Round(decisions / baseline, 3), root.GetProperty("ratio").GetDouble(), 3);
        Assert.True(root.GetProperty("p99_ms_at_half_rate").GetDouble() > 0);
        Assert.True(root.GetProperty("baseline_p99_ms_at_half_rate").GetDouble() > 0);
        var halfRate = root.GetProperty("half_rate").GetDouble();
        Assert.Contains($"baseline at {halfRate}/s (open)", await File.ReadAllTextAsync(Path.Combine(_out, "report.md")));
        Assert.Equal(DecisionMix.Default.ToString(), root.GetProperty("decision_mix").GetString());
        if (OperatingSystem.IsLinux()) Assert.InRange(root.GetProperty("max_steal_percent").GetDouble(), 0, 100);
        Assert.Equal(root.GetProperty("valid").GetBoolean() ? 0 : 3, exit);
    }

    [Fact]
    public async Task Bench_with_a_wrong_api_key_reports_the_failures_and_exits_4()
    {
        var exit = await BenchCommand.ExecuteAsync((BenchOptions)CommandLine.Parse(
            ["bench", "--target", _engine.BaseUrl, "--api-key", "not-a-key-of-this-engine", "--duration", "1s", "--users", "5", "--out", _out]));

        Assert.Equal(4, exit);
        Assert.False(File.Exists(Path.Combine(_out, "bench.json")));
        Assert.Contains("401", await File.ReadAllTextAsync(Path.Combine(_out, "report.md")));
    }

    [Fact]
    public async Task Run_and_bench_against_a_rate_limited_engine_name_the_limit_rather_than_measuring_it()
    {
        await using var limited = new Engine(new Dictionary<string, string?> { ["RiskEngine:RateLimit:RequestsPerSecond"] = "20" });
        limited.StartServer();
        string[] run = [.. Run("decisions", "--users", "5")];
        run[Array.IndexOf(run, _engine.BaseUrl)] = limited.BaseUrl;

        var (_, runOutput) = await RunCapturingConsoleAsync(run);
        var (benchExit, benchOutput) = await CapturingConsoleAsync(() => BenchCommand.ExecuteAsync((BenchOptions)CommandLine.Parse(
            ["bench", "--target", limited.BaseUrl, "--api-key", Engine.ApiKey, "--duration", "1s", "--users", "5", "--out", _out])));

        Assert.Contains("calls got 429 (the tenant's rate limit)", runOutput);
        Assert.Equal(4, benchExit); // every closed level had 429s: none counts
        Assert.Contains("calls got 429 (the tenant's rate limit)", benchOutput);
        Assert.Contains("RiskEngine__RateLimit__RequestsPerSecond=1000000000", benchOutput);
        Assert.False(File.Exists(Path.Combine(_out, "bench.json")));
    }

    [Fact]
    public async Task Past_the_tenant_s_new_device_budget_webhooks_still_run_and_stepup_names_the_budget_rather_than_wrong_answers()
    {
        const string secret = "stepup-test-webhook-secret";
        await using var budgeted = new Engine(new Dictionary<string, string?>
        {
            ["RiskEngine:Didit:WebhookSecret"] = secret,
            ["RiskEngine:Didit:NewDeviceSessionsPerMinute"] = "2",
        });
        budgeted.StartServer();
        Task<(int Exit, string Output)> RunAgainstBudgeted(string scenario)
        {
            string[] run = [.. Run(scenario)];
            run[Array.IndexOf(run, _engine.BaseUrl)] = budgeted.BaseUrl;
            return CapturingConsoleAsync(() =>
                RunCommand.ExecuteAsync((RunOptions)CommandLine.Parse(run, name => name == "RiskEngine__Didit__WebhookSecret" ? secret : null)));
        }

        // webhooks opens its 200 sessions from devices its users are known on: the budget of 2 is no bound to it.
        var (webhooksExit, webhooksOutput) = await RunAgainstBudgeted("webhooks");
        Assert.True(webhooksExit == 0, webhooksOutput);
        Assert.DoesNotContain("calls failed", webhooksOutput);

        var (_, output) = await RunAgainstBudgeted("stepup");
        var report = await File.ReadAllTextAsync(Path.Combine(_out, "report.md"));

        Assert.Contains(StepUpScenario.BudgetSpent, report); // the warm-up took the 2 sessions: every measured call is blocked
        Assert.DoesNotContain(StepUpScenario.WrongAnswer, report);
        Assert.Matches(@"\d+ new devices were blocked by the tenant's new-device session budget", output);
        Assert.Contains("RiskEngine__Didit__NewDeviceSessionsPerMinute=1000000000", output);
    }

    [Fact]
    public async Task Chaos_drives_decisions_and_step_ups_then_finds_every_acknowledged_write()
    {
        const string secret = "chaos-test-webhook-secret";
        await using var engine = new Engine(new Dictionary<string, string?> { ["RiskEngine:Didit:WebhookSecret"] = secret });
        engine.StartServer();
        var output = new StringWriter();
        var console = Console.Out;
        Console.SetOut(output);
        int exit;
        try
        {
            exit = await ChaosCommand.ExecuteAsync(new ChaosOptions(
                new ScenarioOptions(new Uri(engine.BaseUrl), Engine.ApiKey, 20, "dev", secret), Rate: 40, Duration: TimeSpan.FromSeconds(2)));
        }
        finally
        {
            Console.SetOut(console);
        }

        var text = output.ToString();
        Assert.Equal(0, exit);
        var keyed = Regex.Match(text, @"acknowledged: (\d+) decisions with idempotency keys \((\d+) of them asked for again\)");
        Assert.True(keyed.Success, text);
        Assert.Equal(keyed.Groups[1].Value, keyed.Groups[2].Value); // every one of them, not only the newest
        Assert.Matches(@"[1-9]\d* step-up sessions \([1-9]\d* approved by webhook\)", text);
        Assert.Contains("acknowledged writes later missing: 0", text);
    }
}
