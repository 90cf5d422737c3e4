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
                    // The usual login first: a recovery from a device the user is known on steps up without taking
                    // from the tenant's budget of sessions for new devices, so runs can follow each other.
                    (await DecideAsync(http, user, "login", token)).Dispose();
                    using var recovery = await DecideAsync(http, user, "account_recovery", token);
                    using var json = await JsonDocument.ParseAsync(await recovery.Content.ReadAsStreamAsync(token), cancellationToken: token);
                    sessions.Add(json.RootElement.GetProperty("step_up").GetProperty("session_id").GetString()!);
                });
                pool = [.. sessions];
            });
    }

    private static async Task<HttpResponseMessage> DecideAsync(HttpClient http, PlatformUser user, string action, CancellationToken token)
    {
        var body = $"{{\"user_id\":\"{user.Id}\",\"action\":\"{action}\",\"device_id\":\"{user.Device}\",\"ip\":\"{user.Ip}\"}}";
        var response = await http.PostAsync("/v1/decisions", LoadHttp.Json(body), token);
        return response.EnsureSuccessStatusCode();
    }
}
