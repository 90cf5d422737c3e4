using System.Net;
using System.Text.Json;
using RiskEngine.Load.Chaos;
using RiskEngine.Load.Harness;
using RiskEngine.Load.Scenarios;
using Spectre.Console;

namespace RiskEngine.Load.Cli;

/// <summary>
/// Drives <c>decisions</c> and <c>stepup</c> together in the open model while something outside (load/chaos.sh)
/// kills and restarts a silo, then waits for the cluster to be ready and looks for every write the engine
/// acknowledged. Exit 0 only when none is missing, no answer was wrong, and every failed request failed with a
/// retryable status.
/// </summary>
public static class ChaosCommand
{
    /// <summary>What a platform retries: the engine's own 503 (with Retry-After) and 429; a timeout (0) is retried too.</summary>
    private static readonly HashSet<int> Retryable = [0, 429, 502, 503, 504];

    public static async Task<int> ExecuteAsync(ChaosOptions options)
    {
        var acks = new Acknowledgements();
        var target = options.Target with { Acknowledgements = acks };
        using var http = LoadHttp.Create(target);

        var stepUpRate = Math.Max(1, options.Rate / 10);
        var runs = new[] { (DecisionsScenario.Name, options.Rate), (StepUpScenario.Name, stepUpRate) }
            .Select(s => new Runner().RunAsync(ScenarioCatalog.Create(s.Name, http, target).WithoutWarmUp()
                .WithLoadSimulations(Simulation.Inject(s.Item2, TimeSpan.FromSeconds(1), options.Duration))))
            .ToArray();
        AnsiConsole.MarkupLine($"chaos: decisions at {options.Rate}/s and step-up flows at {stepUpRate}/s for {options.Duration.TotalSeconds} s");
        var stats = await Task.WhenAll(runs);

        AnsiConsole.MarkupLine("waiting for /health/ready…");
        var ready = await WaitUntilReadyAsync(http, TimeSpan.FromSeconds(90));
        var (checkedDecisions, decisionsMissing, sessionsMissing, examples) = await VerifyAsync(http, acks);

        var table = new Table().AddColumns("scenario", "requests", "ok", "failed", "failures by status", "failures by reason");
        foreach (var s in stats)
            table.AddRow(s.Scenario, $"{s.Requests}", $"{s.Ok}", $"{s.Failed}",
                Markup.Escape(string.Join(", ", s.StatusCodes.Where(c => c.Key is < 200 or >= 300).Select(c => $"{c.Key}: {c.Value}"))),
                Markup.Escape(string.Join(", ", s.Errors.Select(e => $"{e.Key}: {e.Value}"))));
        AnsiConsole.Write(table);

        var notRetryable = stats.Sum(s => s.StatusCodes.Where(c => c.Key is < 200 or >= 300 && !Retryable.Contains(c.Key)).Sum(c => c.Value));
        var wrong = stats.Sum(s => s.Errors.Where(e => e.Key.StartsWith(StepUpScenario.WrongAnswer, StringComparison.Ordinal)).Sum(e => e.Value));
        Console.WriteLine($"requests: {stats.Sum(s => s.Requests)}, failed: {stats.Sum(s => s.Failed)}, failed with a status a platform would not retry: {notRetryable}, wrong answers: {wrong}");
        Console.WriteLine($"acknowledged: {acks.Decisions.Count} decisions with idempotency keys ({checkedDecisions} of them asked for again), {acks.Sessions.Count} step-up sessions ({acks.Sessions.Count(s => s.Value == "Approved")} approved by webhook)");
        Console.WriteLine($"acknowledged writes later missing: {decisionsMissing + sessionsMissing} ({decisionsMissing} decisions, {sessionsMissing} sessions)");
        foreach (var example in examples) Console.WriteLine($"  missing: {example}");
        if (!ready) Console.WriteLine("the cluster was not ready 90 s after the run");
        return ready && decisionsMissing + sessionsMissing == 0 && notRetryable == 0 && wrong == 0 ? 0 : 1;
    }

    private static async Task<bool> WaitUntilReadyAsync(HttpClient http, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await http.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode) return true;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(500);
        }
        return false;
    }

    /// <summary>Asks again for every acknowledged decision (same idempotency key: the same answer) and reads every acknowledged session.</summary>
    private static async Task<(int Checked, int Decisions, int Sessions, List<string> Examples)> VerifyAsync(HttpClient http, Acknowledgements acks)
    {
        var examples = new List<string>();
        var decisions = 0;
        var toCheck = acks.Decisions.ToList();
        foreach (var (body, decisionId) in toCheck)
        {
            var answer = await RetryAsync(() => http.PostAsync("/v1/decisions", LoadHttp.Json(body)));
            if (answer?.GetProperty("decision_id").GetString() == decisionId) continue;
            decisions++;
            if (examples.Count < 5) examples.Add($"decision {decisionId} for {body}");
        }
        var sessions = 0;
        foreach (var (sessionId, status) in acks.Sessions)
        {
            var session = await RetryAsync(() => http.GetAsync($"/v1/step-ups/{sessionId}"));
            if (session?.GetProperty("status").GetString() == status) continue;
            sessions++;
            if (examples.Count < 10) examples.Add($"session {sessionId}: acknowledged {status}, now {session?.GetProperty("status").GetString() ?? "gone"}");
        }
        return (toCheck.Count, decisions, sessions, examples);
    }

    /// <summary>The answer's JSON, retrying what a platform would retry; null when it never succeeds.</summary>
    private static async Task<JsonElement?> RetryAsync(Func<Task<HttpResponseMessage>> call)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var response = await call();
            if (response.IsSuccessStatusCode) return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            if (response.StatusCode is not (HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests)) return null;
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        return null;
    }
}
