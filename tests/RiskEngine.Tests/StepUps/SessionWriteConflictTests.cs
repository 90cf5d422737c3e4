namespace RiskEngine.Tests.StepUps;

/// <summary>A webhook whose session another activation keeps writing meanwhile (a failover that is not over).</summary>
public sealed class SessionWriteConflictTests
{
    // A tenant of this test's own, so that the status changes counted for it are this engine's alone.
    private const string Tenant = "failover", ApiKey = "failover-key-0123456789abcdef", WebhookSecret = "failover-webhook-secret";

    [Fact]
    public async Task A_second_write_conflict_in_a_row_fails_the_webhook_and_Didits_retry_applies_it()
    {
        InterferingStorage storage = null!;
        await using var engine = new Engine(new Dictionary<string, string?>
        {
            [$"RiskEngine:Tenants:{Tenant}:ApiKeys:0:Key"] = ApiKey,
            [$"RiskEngine:Tenants:{Tenant}:Didit:WebhookSecret"] = WebhookSecret,
        }, services: s => InterferingStorage.Replace(s, (i, _) => storage = i));
        engine.StartServer();
        var decision = await engine.Client(ApiKey).DecideAsync(
            new { user_id = "u-conflict", action = "account_recovery", device_id = "d", ip = "2.125.160.216" });
        var sessionId = decision.StepUp!.SessionId;
        var didit = engine.Client(apiKey: null);
        var inProgress = DiditWebhook.Body(sessionId, "In Progress", engine.Time.GetUtcNow()).ToJsonString();
        Task<HttpResponseMessage> DeliverAsync() =>
            DiditWebhook.PostAsync(didit, Tenant, inProgress, WebhookSecret, engine.Time.GetUtcNow());

        storage.Interfere("session", times: 5);
        using var conflicted = await DeliverAsync();
        var writes = storage.Writes;
        storage.Interfere("session", times: 0);
        using var retried = await DeliverAsync();
        var view = await engine.Client(ApiKey).GetFromJsonAsync<StepUpSessionView>($"/v1/step-ups/{sessionId}", Json.Options);

        Assert.Equal((HttpStatusCode.ServiceUnavailable, 2), (conflicted.StatusCode, writes));
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal("applied", (await retried.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
        Assert.Equal(SessionStatus.InProgress, view!.Status);
        Assert.Contains(engine.Logs.Lines, l => l.Contains("Transient failure (InconsistentStateException) on /webhooks/didit/{tenant_id}: answered 503"));
        // Counted once, when stored: not for each activation's attempt that was not.
        const string counted = """riskengine_stepup_status_changes_total\{[^}]*status="In Progress"[^}]*tenant="failover"[^}]*\} """;
        Assert.Matches(counted + "1\n", await engine.MetricsUntilAsync(counted));
    }
}
