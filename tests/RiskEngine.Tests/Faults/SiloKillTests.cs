using System.Collections.Concurrent;
using RiskEngine.Tests.StepUps;

namespace RiskEngine.Tests.Faults;

/// <summary>
/// Two standalone silos and a client-mode API on real Redis. One silo is killed (SIGKILL) while
/// decisions and Didit webhooks flow: every request either succeeds or fails with a retryable status,
/// and nothing acknowledged is lost — histories, session statuses, the policy, callbacks.
/// </summary>
[Collection(Load.TimingCollection.Name)]
public sealed class SiloKillTests(SharedRedis redis) : IAsyncLifetime
{
    private readonly List<SiloProcess> _silos = [];
    private FakeHttpServer _platform = null!;
    private CallbackInbox _callbacks = null!;
    private Engine _api = null!;
    private Dictionary<string, string?> _cluster = null!;

    public async ValueTask InitializeAsync()
    {
        _platform = await FakeHttpServer.StartAsync();
        _callbacks = new CallbackInbox(_platform);
        var apiPort = FreePort.Next();
        _cluster = new Dictionary<string, string?>(StepUpFixture.Settings(_platform.Url))
        {
            ["ConnectionStrings:Redis"] = await redis.ConnectionStringAsync(),
            ["Orleans:ClusterId"] = "kill-" + Guid.NewGuid().ToString("N"),
            ["Orleans:ServiceId"] = "kill-" + Guid.NewGuid().ToString("N"),
            ["Orleans:Endpoints:AdvertisedIPAddress"] = "127.0.0.1",
            // Declare a dead silo dead within seconds, not Orleans' production default of about 30 s.
            ["Orleans:Membership:ProbeTimeout"] = "00:00:01",
            ["Orleans:Membership:NumMissedProbesLimit"] = "2",
            ["Orleans:Membership:NumVotesForDeathDeclaration"] = "1",
            ["Orleans:Membership:TableRefreshTimeout"] = "00:00:02",
            ["RiskEngine:PublicBaseUrl"] = $"http://127.0.0.1:{apiPort}",
        };
        for (var i = 0; i < 2; i++)
            _silos.Add(await SiloProcess.StartAsync(new Dictionary<string, string?>(_cluster)
            {
                ["Orleans:Endpoints:SiloPort"] = FreePort.Next().ToString(),
                ["Orleans:Endpoints:GatewayPort"] = FreePort.Next().ToString(),
            }));
        _api = new Engine(new Dictionary<string, string?>(_cluster) { ["RiskEngine:Mode"] = "Client" }, port: apiPort);
        _api.StartServer();
    }

    public async ValueTask DisposeAsync()
    {
        await _api.DisposeAsync();
        foreach (var silo in _silos) await silo.DisposeAsync();
        await _platform.DisposeAsync();
    }

    [Fact]
    public async Task Killing_a_silo_under_load_loses_nothing_acknowledged()
    {
        var client = _api.Client(StepUpFixture.ApiKey);
        using var put = await client.PutAsJsonAsync("/v1/policy", new { weights = new { new_asn = 12 } }, Json.Options);
        put.EnsureSuccessStatusCode();

        var statuses = new ConcurrentBag<int>();
        var knownDevices = new ConcurrentBag<(string User, string Device, string Ip)>();
        var approved = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var flows = Enumerable.Range(0, 6).Select(f => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var user = $"u{f}-{i}";
                // A first login: acknowledged "allow" means the device is now known.
                var (status, first) = await DecideAsync(client, user, "phone", "2.125.160.216");
                statuses.Add(status);
                if (status != 200) continue;
                if (first!.Outcome == Outcome.Allow) knownDevices.Add((user, "phone", "2.125.160.216"));

                // A new laptop steps up; Didit approves (retrying until acknowledged, as Didit does).
                (status, var stepUp) = await DecideAsync(client, user, "laptop", "2.125.160.216");
                statuses.Add(status);
                if (status != 200 || stepUp!.StepUp is not { } session) continue;
                if (await DeliverAsync(session.SessionId, "In Progress", statuses) && await DeliverAsync(session.SessionId, "Approved", statuses))
                    approved.Add(session.SessionId);
            }
        })).ToList();

        await Task.Delay(TimeSpan.FromSeconds(3)); // traffic flows on both silos
        await _silos[0].KillAsync();
        await Task.Delay(TimeSpan.FromSeconds(7)); // the survivor takes over
        stop.Cancel();
        await Task.WhenAll(flows);

        Assert.All(statuses, s => Assert.Contains(s, new[] { 200, 503 }));
        Assert.NotEmpty(approved);
        Assert.NotEmpty(knownDevices);

        var policy = await client.GetFromJsonAsync<Policy>("/v1/policy", Json.Options);
        Assert.Equal((1, 12), (policy!.Version, policy.Weights.NewAsn));
        foreach (var sessionId in approved)
        {
            var session = await client.GetFromJsonAsync<StepUpSessionView>($"/v1/step-ups/{sessionId}", Json.Options);
            Assert.Equal(SessionStatus.Approved, session!.Status);
            await _callbacks.WaitForAsync(sessionId, "Approved", timeout: TimeSpan.FromSeconds(30));
        }
        foreach (var (user, device, ip) in knownDevices)
        {
            var (status, again) = await DecideAsync(client, user, device, ip);
            Assert.Equal(200, status);
            Assert.False(again!.Reasons.Contains(Reason.NewDevice) || again.Reasons.Contains(Reason.FirstSeen), $"{user} lost its {device}");
        }
    }

    private static async Task<(int, DecisionResult?)> DecideAsync(HttpClient client, string user, string device, string ip)
    {
        using var response = await client.PostDecisionAsync(new { user_id = user, action = "login", device_id = device, ip });
        return ((int)response.StatusCode, response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<DecisionResult>(Json.Options) : null);
    }

    private async Task<bool> DeliverAsync(string sessionId, string status, ConcurrentBag<int> statuses)
    {
        var webhook = DiditWebhook.Body(sessionId, status, _api.Time.GetUtcNow(), eventId: $"{sessionId}-{status}").ToJsonString();
        for (var attempt = 0; attempt < 20; attempt++)
        {
            using var response = await DiditWebhook.PostAsync(_api.Client(apiKey: null), StepUpFixture.Tenant, webhook, StepUpFixture.WebhookSecret, _api.Time.GetUtcNow());
            statuses.Add((int)response.StatusCode);
            if (response.IsSuccessStatusCode) return true;
            await Task.Delay(200);
        }
        return false;
    }
}
