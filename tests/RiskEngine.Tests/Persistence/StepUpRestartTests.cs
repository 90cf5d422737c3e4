using Microsoft.AspNetCore.Http;
using RiskEngine.Tests.StepUps;

namespace RiskEngine.Tests.Persistence;

/// <summary>A step-up in flight while the engine restarts on the same Redis: nothing acknowledged is lost.</summary>
public sealed class StepUpRestartTests(SharedRedis redis) : IAsyncLifetime
{
    private FakeHttpServer _platform = null!;
    private CallbackInbox _callbacks = null!;
    private string _redis = "";
    private readonly string _serviceId = "restart-" + Guid.NewGuid().ToString("N");

    public async ValueTask InitializeAsync()
    {
        _platform = await FakeHttpServer.StartAsync();
        _callbacks = new CallbackInbox(_platform);
        _redis = await redis.ConnectionStringAsync();
    }

    public async ValueTask DisposeAsync() => await _platform.DisposeAsync();

    private Engine NewEngine()
    {
        var engine = new Engine(StepUpFixture.Settings(_platform.Url), _redis, _serviceId);
        engine.StartServer();
        return engine;
    }

    private static object Login(string device, string ip) => new { user_id = "u-restart", action = "login", device_id = device, ip };

    private static async Task SendAsync(Engine engine, string sessionId, string status)
    {
        var now = engine.Time.GetUtcNow();
        using var response = await DiditWebhook.PostAsync(engine.Client(apiKey: null), StepUpFixture.Tenant,
            DiditWebhook.Body(sessionId, status, now).ToJsonString(), StepUpFixture.WebhookSecret, now);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_session_started_before_a_restart_finishes_after_it()
    {
        string sessionId;
        await using (var before = NewEngine())
        {
            var client = before.Client(StepUpFixture.ApiKey);
            await client.DecideAsync(Login("phone", "2.125.160.216"));
            sessionId = (await client.DecideAsync(Login("laptop", "89.160.20.112"))).StepUp!.SessionId;
            await SendAsync(before, sessionId, "In Progress");
            await _callbacks.WaitForAsync(sessionId, "In Progress");
        }

        await using var after = NewEngine();
        await SendAsync(after, sessionId, "Approved");
        await _callbacks.WaitForAsync(sessionId, "Approved");
        var session = await after.Client(StepUpFixture.ApiKey).GetFromJsonAsync<StepUpSessionView>($"/v1/step-ups/{sessionId}", Json.Options);
        var next = await after.Client(StepUpFixture.ApiKey).DecideAsync(Login("laptop", "89.160.20.112"));

        Assert.Equal([SessionStatus.NotStarted, SessionStatus.InProgress, SessionStatus.Approved], session!.History.Select(h => h.Status));
        Assert.Equal(Outcome.Allow, next.Outcome);
    }

    [Fact]
    public async Task Undelivered_callbacks_and_feedback_survive_a_restart()
    {
        string sessionId;
        string refusedEventId;
        _platform.Respond = _ => Results.StatusCode(503);
        await using (var before = NewEngine())
        {
            var client = before.Client(StepUpFixture.ApiKey);
            await client.DecideAsync(Login("phone", "2.125.160.216"));
            sessionId = (await client.DecideAsync(Login("tablet", "89.160.20.112"))).StepUp!.SessionId;
            await SendAsync(before, sessionId, "Approved");
            refusedEventId = (await _callbacks.WaitForAsync(sessionId, "Approved")).Json.GetProperty("event_id").GetString()!;
        }

        _platform.Respond = _ => Results.Ok();
        await using var after = NewEngine();
        after.Time.Advance(TimeSpan.FromSeconds(30)); // the restart took a while: the retry is due
        // Any call wakes the session (in production its reminder does, within a minute), and it delivers what it owes.
        await after.Client(StepUpFixture.ApiKey).GetAsync($"/v1/step-ups/{sessionId}");
        await _callbacks.WaitForAsync(sessionId, "Approved", count: 2);
        var next = await after.Client(StepUpFixture.ApiKey).DecideAsync(Login("tablet", "89.160.20.112"));

        Assert.All(_callbacks.Of(sessionId), c => Assert.Equal(refusedEventId, c.Json.GetProperty("event_id").GetString()));
        Assert.Equal(Outcome.Allow, next.Outcome);
    }
}
