namespace RiskEngine.Tests.StepUps;

/// <summary>A webhook whose session another activation keeps writing meanwhile (a failover that is not over).</summary>
public sealed class SessionWriteConflictTests
{
    [Fact]
    public async Task A_second_write_conflict_in_a_row_fails_the_webhook_and_Didits_retry_applies_it()
    {
        InterferingStorage storage = null!;
        await using var platform = await FakeHttpServer.StartAsync();
        await using var engine = new Engine(StepUpFixture.Settings(platform.Url), services: s => InterferingStorage.Replace(s, (i, _) => storage = i));
        engine.StartServer();
        var decision = await engine.Client(StepUpFixture.ApiKey).DecideAsync(
            new { user_id = "u-conflict", action = "account_recovery", device_id = "d", ip = "2.125.160.216" });
        var sessionId = decision.StepUp!.SessionId;
        var didit = engine.Client(apiKey: null);
        var inProgress = DiditWebhook.Body(sessionId, "In Progress", engine.Time.GetUtcNow()).ToJsonString();
        Task<HttpResponseMessage> DeliverAsync() =>
            DiditWebhook.PostAsync(didit, StepUpFixture.Tenant, inProgress, StepUpFixture.WebhookSecret, engine.Time.GetUtcNow());

        storage.Interfere("session", times: 5);
        using var conflicted = await DeliverAsync();
        var writes = storage.Writes;
        storage.Interfere("session", times: 0);
        using var retried = await DeliverAsync();
        var view = await engine.Client(StepUpFixture.ApiKey).GetFromJsonAsync<StepUpSessionView>($"/v1/step-ups/{sessionId}", Json.Options);

        Assert.Equal((HttpStatusCode.ServiceUnavailable, 2), (conflicted.StatusCode, writes));
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal("applied", (await retried.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
        Assert.Equal(SessionStatus.InProgress, view!.Status);
        Assert.Contains(engine.Logs.Lines, l => l.Contains("Transient failure (InconsistentStateException) on /webhooks/didit/{tenant_id}: answered 503"));
    }
}
