using System.Collections.Concurrent;
using System.Text.Json;
using RiskEngine.Load.Harness;

namespace RiskEngine.Load.Scenarios;

/// <summary>
/// Didit's delivery as it really is: each call sends one webhook for one of a pool of open sessions —
/// In Progress or Approved, often a duplicate, often out of order. Every delivery must be answered 200.
/// </summary>
public static class WebhooksScenario
{
    public const string Name = "webhooks";
    private const int Sessions = 200;

    public static Scenario Create(HttpClient http, ScenarioOptions options)
    {
        var webhooks = new DiditWebhooks(http, options);
        var sessions = new ConcurrentBag<string>();
        string[] pool = [];
        return Scenario.Create(Name, async ctx =>
            {
                var sessionId = pool[ctx.Random.Next(pool.Length)];
                var status = ctx.Random.Next(2) == 0 ? "In Progress" : "Approved";
                using var response = await webhooks.SendAsync(sessionId, status, $"{sessionId}-{status}", ctx.CancellationToken);
                return response.IsSuccessStatusCode ? Response.Ok((int)response.StatusCode) : Response.Fail((int)response.StatusCode);
            })
            .WithInit(async cancellationToken =>
            {
                await Parallel.ForAsync(0, Sessions, cancellationToken, async (i, token) =>
                {
                    var user = PlatformUser.Of($"load-webhooks-{options.RunId}", i);
                    var body = $"{{\"user_id\":\"{user.Id}\",\"action\":\"account_recovery\",\"device_id\":\"{user.Device}\",\"ip\":\"{user.Ip}\"}}";
                    using var response = await http.PostAsync("/v1/decisions", LoadHttp.Json(body), token);
                    response.EnsureSuccessStatusCode();
                    using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(token), cancellationToken: token);
                    sessions.Add(json.RootElement.GetProperty("step_up").GetProperty("session_id").GetString()!);
                });
                pool = [.. sessions];
            });
    }
}
