using System.Text.Json;
using RiskEngine.Load.Harness;

namespace RiskEngine.Load.Scenarios;

/// <summary>
/// The whole step-up, per call: a new device steps up, Didit's signed webhooks report In Progress then
/// Approved, and the same device is allowed at once. A call fails when any answer is not what it should be.
/// </summary>
public static class StepUpScenario
{
    public const string Name = "stepup";

    /// <summary>Starts the error of a call the engine answered, but not as it must have (a lost write shows so).</summary>
    public const string WrongAnswer = "wrong answer: ";

    /// <summary>
    /// The error of a new device blocked with <c>velocity</c>: the tenant's budget of sessions for new devices
    /// (240 a minute by default) answering, not a lost write, so not a wrong answer.
    /// </summary>
    public const string BudgetSpent = "a new device was blocked (velocity): the tenant's new-device session budget";

    public static Scenario Create(HttpClient http, ScenarioOptions options)
    {
        var webhooks = new DiditWebhooks(http, options);
        return Scenario.Create(Name, async ctx =>
        {
            var user = PlatformUser.Of($"load-stepup-{options.RunId}", ctx.InvocationNumber);
            var newDevice = $"{{\"user_id\":\"{user.Id}\",\"action\":\"login\",\"device_id\":\"{user.Device}-2\",\"ip\":\"{user.Ip}\"}}";

            var (status, first) = await DecideAsync(http, $"{{\"user_id\":\"{user.Id}\",\"action\":\"login\",\"device_id\":\"{user.Device}\",\"ip\":\"{user.Ip}\"}}", ctx);
            if (status != 200) return Response.Fail(status, "first decision failed");
            (status, var stepUp) = await DecideAsync(http, newDevice, ctx);
            if (status != 200) return Response.Fail(status, "step-up decision failed");
            if (stepUp.GetProperty("outcome").GetString() != "step_up")
                return Response.Fail(status, IsVelocityBlock(stepUp) ? BudgetSpent : WrongAnswer + "a new device did not step up");
            var sessionId = stepUp.GetProperty("step_up").GetProperty("session_id").GetString()!;
            options.Acknowledgements?.Session(sessionId, "Not Started");

            foreach (var verdict in new[] { "In Progress", "Approved" })
            {
                using var webhook = await webhooks.SendAsync(sessionId, verdict, $"{sessionId}-{verdict}", ctx.CancellationToken);
                if (!webhook.IsSuccessStatusCode) return Response.Fail((int)webhook.StatusCode, $"webhook {verdict} refused");
                options.Acknowledgements?.Session(sessionId, verdict);
            }

            (status, var after) = await DecideAsync(http, newDevice, ctx);
            if (status != 200) return Response.Fail(status, "last decision failed");
            return after.GetProperty("outcome").GetString() == "allow" ? Response.Ok(status) : Response.Fail(status, WrongAnswer + "the approved device was not allowed");
        });
    }

    private static bool IsVelocityBlock(JsonElement decision) =>
        decision.GetProperty("outcome").GetString() == "block" &&
        decision.GetProperty("reasons").EnumerateArray().Any(r => r.GetString() == "velocity");

    private static async Task<(int Status, JsonElement Body)> DecideAsync(HttpClient http, string body, ScenarioContext ctx)
    {
        using var response = await http.PostAsync("/v1/decisions", LoadHttp.Json(body), ctx.CancellationToken);
        var json = response.IsSuccessStatusCode
            ? JsonDocument.Parse(await response.Content.ReadAsStreamAsync(ctx.CancellationToken)).RootElement
            : default;
        return ((int)response.StatusCode, json);
    }
}
