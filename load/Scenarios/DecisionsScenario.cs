using System.Globalization;
using System.Text.Json;
using RiskEngine.Load.Harness;

namespace RiskEngine.Load.Scenarios;

/// <summary>
/// A realistic mix of decisions over many users with Zipf popularity: mostly logins and small transfers
/// from the user's usual device and network, some new devices, some new device and new network, transfers
/// across the value thresholds, settings changes and a few account recoveries (<see cref="DecisionMix.Default"/>, or the
/// options' own mix). Any answer is a success.
/// </summary>
public static class DecisionsScenario
{
    public const string Name = "decisions";

    public static Scenario Create(HttpClient http, ScenarioOptions options)
    {
        var zipf = new ZipfSampler(options.Users);
        return Scenario.Create(Name, async ctx =>
        {
            var user = PlatformUser.Of("load-user", zipf.Next(ctx.Random));
            // Unique per call across phases and runs: a key that came back with another request would rightly be a 422.
            var key = Uuid.Version7(DateTimeOffset.UtcNow).ToString("N");
            var body = Body(user, options.Mix.Draw(ctx.Random), ctx.Random, key);
            using var response = await http.PostAsync("/v1/decisions", LoadHttp.Json(body), ctx.CancellationToken);
            if (!response.IsSuccessStatusCode) return Response.Fail((int)response.StatusCode);
            if (options.Acknowledgements is { } acks && body.Contains(key, StringComparison.Ordinal))
            {
                using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ctx.CancellationToken), cancellationToken: ctx.CancellationToken);
                acks.Decision(body, json.RootElement.GetProperty("decision_id").GetString()!);
            }
            return Response.Ok((int)response.StatusCode);
        });
    }

    public static string Body(PlatformUser user, DecisionKind kind, Random random, string idempotencyKey)
    {
        var device = user.Device;
        var ip = user.Ip;
        var action = "login";
        string? amount = null;
        switch (kind)
        {
            case DecisionKind.SmallTransfer:
                action = "transfer";
                amount = random.Next(20, 300).ToString(CultureInfo.InvariantCulture);
                break;
            case DecisionKind.LargeTransfer:
                action = "transfer";
                amount = new[] { "600", "900", "1500", "12000" }[random.Next(4)];
                break;
            case DecisionKind.NewDevice:
                device = $"{user.Device}-new-{random.Next(1_000_000)}";
                break;
            case DecisionKind.NewDeviceAndNetwork:
                device = $"{user.Device}-new-{random.Next(1_000_000)}";
                ip = PlatformUser.RandomIp(random);
                break;
            case DecisionKind.SettingsChange:
                action = "settings_change";
                break;
            case DecisionKind.AccountRecovery:
                action = "account_recovery";
                break;
        }
        var transfer = amount is null ? "" : $",\"amount\":{amount},\"currency\":\"EUR\",\"idempotency_key\":\"{idempotencyKey}\"";
        return $"{{\"user_id\":\"{user.Id}\",\"action\":\"{action}\",\"device_id\":\"{device}\",\"ip\":\"{ip}\"{transfer}}}";
    }
}
