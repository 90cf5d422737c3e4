using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace RiskEngine.Tests.StepUps;

/// <summary>The engine with <c>RiskEngine__Provider=Didit</c> against a fake Didit on loopback, one engine per test.</summary>
public sealed class DiditClientTests : IAsyncLifetime
{
    private const string Portrait = "UE9SVFJBSVQtU0VOVElORUwtN2YzYTli"; // recognisable, so logs can be searched for it
    private FakeHttpServer _didit = null!;
    private Engine _engine = null!;
    private string? _nextSessionId;

    public async ValueTask InitializeAsync()
    {
        _didit = await FakeHttpServer.StartAsync(_ => Created(_nextSessionId));
        _engine = new Engine(Settings());
        _engine.StartServer();
    }

    private Dictionary<string, string?> Settings() => new()
    {
        ["RiskEngine:Provider"] = "Didit",
        ["RiskEngine:Didit:BaseUrl"] = _didit.Url,
        ["RiskEngine:Didit:ApiKey"] = "global-didit-key",
        ["RiskEngine:Didit:WebhookSecret"] = "global-webhook-secret",
        ["RiskEngine:Didit:Workflows:PASSIVE"] = "wf-passive",
        ["RiskEngine:Didit:Workflows:ACTIVE_3D"] = "wf-active-3d",
        ["RiskEngine:Didit:ReturnUrl"] = "https://platform.example/return",
        ["RiskEngine:Tenants:acme:ApiKeys:0:Key"] = "acme-key-0123456789abcdef",
        ["RiskEngine:Tenants:acme:Didit:ApiKey"] = "acme-didit-key",
        ["RiskEngine:Tenants:acme:Didit:Workflows:ACTIVE_3D"] = "acme-wf-active-3d",
    };

    public async ValueTask DisposeAsync()
    {
        await _engine.DisposeAsync();
        await _didit.DisposeAsync();
    }

    private static IResult Created(string? sessionId = null) => Results.Json(new
    {
        session_id = sessionId ?? "didit-" + Guid.NewGuid().ToString("N"),
        session_number = 1234,
        session_token = "tok",
        url = "https://verify.didit.me/session/tok",
        status = "Not Started",
        workflow_id = "wf",
        vendor_data = "user",
    }, statusCode: 201);

    private static object SettingsChange(string? portrait = null, string device = "d") =>
        new { user_id = "user-1", action = "settings_change", device_id = device, ip = "2.125.160.216", portrait_image = portrait };

    [Fact]
    public async Task A_step_up_opens_a_biometric_authentication_session_at_didit()
    {
        var decision = await _engine.Client().DecideAsync(SettingsChange());

        var request = Assert.Single(_didit.Requests);
        Assert.Equal(("POST", "/v3/session/"), (request.Method, request.Path));
        Assert.Equal("global-didit-key", request.Headers["x-api-key"]);
        var body = request.Json;
        Assert.Equal("wf-passive", body.GetProperty("workflow_id").GetString());
        Assert.Equal("biometric_authentication", body.GetProperty("workflow_type").GetString());
        Assert.Equal("user-1", body.GetProperty("vendor_data").GetString());
        Assert.Equal("https://platform.example/return", body.GetProperty("callback").GetString());
        Assert.Equal("settings_change", body.GetProperty("metadata").GetProperty("reason").GetString());
        Assert.Equal(decision.DecisionId, body.GetProperty("metadata").GetProperty("decision_id").GetString());
        Assert.False(body.TryGetProperty("portrait_image", out _));
        Assert.StartsWith("didit-", decision.StepUp!.SessionId);
        Assert.Equal("https://verify.didit.me/session/tok", decision.StepUp.SessionUrl);
    }

    [Fact]
    public async Task A_session_whose_webhook_came_before_the_engine_opened_it_starts_with_that_status()
    {
        _nextSessionId = "didit-early-" + Guid.NewGuid().ToString("N");
        var now = _engine.Time.GetUtcNow();
        using var early = await DiditWebhook.PostAsync(_engine.Client(apiKey: null), RiskEngineOptionsSetup.DevTenant,
            DiditWebhook.Body(_nextSessionId, "In Progress", now).ToJsonString(), "global-webhook-secret", now);
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);

        var decision = await _engine.Client().DecideAsync(SettingsChange());

        Assert.Equal(_nextSessionId, decision.StepUp!.SessionId);
        var session = await _engine.Client().GetFromJsonAsync<StepUpSessionView>($"/v1/step-ups/{_nextSessionId}", Json.Options);
        Assert.Equal((SessionStatus.InProgress, decision.DecisionId, decision.StepUp.ExpiresAt),
            (session!.Status, session.DecisionId, session.ExpiresAt));
    }

    [Fact]
    public async Task A_session_read_before_it_was_opened_is_found_once_it_is()
    {
        _nextSessionId = "didit-" + Guid.NewGuid().ToString("N");
        using var before = await _engine.Client().GetAsync($"/v1/step-ups/{_nextSessionId}"); // wakes its grain, nothing stored

        var decision = await _engine.Client().DecideAsync(SettingsChange());

        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        var session = await _engine.Client().GetFromJsonAsync<StepUpSessionView>($"/v1/step-ups/{_nextSessionId}", Json.Options);
        Assert.Equal((SessionStatus.NotStarted, decision.DecisionId), (session!.Status, session.DecisionId));
    }

    [Fact]
    public async Task A_transfer_step_up_says_why_and_how_much()
    {
        await _engine.Client().DecideAsync(new { user_id = "user-2", action = "transfer", device_id = "d", ip = "2.125.160.216", amount = 15000.50, currency = "EUR" });

        var body = Assert.Single(_didit.Requests).Json;
        Assert.Equal("wf-active-3d", body.GetProperty("workflow_id").GetString());
        Assert.Equal("high_value_txn", body.GetProperty("metadata").GetProperty("reason").GetString());
        Assert.Equal(15000.50m, body.GetProperty("metadata").GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task A_tenant_s_own_didit_settings_override_the_global_ones()
    {
        await _engine.Client("acme-key-0123456789abcdef").DecideAsync(new { user_id = "u", action = "account_recovery", device_id = "d", ip = "2.125.160.216" });

        var request = Assert.Single(_didit.Requests);
        Assert.Equal("acme-didit-key", request.Headers["x-api-key"]);
        Assert.Equal("acme-wf-active-3d", request.Json.GetProperty("workflow_id").GetString());
        Assert.Equal("https://platform.example/return", request.Json.GetProperty("callback").GetString());
    }

    [Fact]
    public async Task A_portrait_is_passed_to_didit_and_never_logged()
    {
        await _engine.Client().DecideAsync(SettingsChange(Portrait));
        _didit.Respond = _ => Results.StatusCode(500); // failures log warnings: the portrait must not be in them either
        await _engine.Client().DecideAsync(new { user_id = "user-9", action = "settings_change", device_id = "d", ip = "2.125.160.216", portrait_image = Portrait });

        Assert.Equal(Portrait, _didit.Requests[0].Json.GetProperty("portrait_image").GetString());
        Assert.DoesNotContain(_engine.Logs.Lines, line => line.Contains(Portrait));
        Assert.Contains(_engine.Logs.Lines, line => line.Contains("Didit"));
    }

    [Fact]
    public async Task A_5xx_is_retried()
    {
        var calls = 0;
        _didit.Respond = _ => Interlocked.Increment(ref calls) == 1 ? Results.StatusCode(503) : Created();

        var decision = await _engine.Client().DecideAsync(SettingsChange());

        Assert.Equal(Outcome.StepUp, decision.Outcome);
        Assert.Equal(2, _didit.Requests.Count);
    }

    [Fact]
    public async Task A_429_is_retried_after_the_retry_after_it_gives()
    {
        var calls = 0;
        var arrivals = new List<long>();
        _didit.Respond = _ =>
        {
            lock (arrivals) arrivals.Add(Stopwatch.GetTimestamp());
            return Interlocked.Increment(ref calls) == 1 ? new TooManyRequests(retryAfterSeconds: 1) : Created();
        };

        var decision = await _engine.Client().DecideAsync(SettingsChange());

        Assert.Equal(Outcome.StepUp, decision.Outcome);
        Assert.True(Stopwatch.GetElapsedTime(arrivals[0], arrivals[1]) >= TimeSpan.FromMilliseconds(900), "Retry-After: 1 was not honoured");
    }

    [Fact]
    public async Task When_didit_is_down_the_decision_still_answers_by_the_policy_fallback()
    {
        _didit.Respond = _ => Results.StatusCode(500);

        var blocked = await _engine.Client().DecideAsync(SettingsChange());
        using var put = await _engine.Client().PutAsJsonAsync("/v1/policy", new { on_provider_unavailable = new { passive = "allow", active_3d = "block" } }, Json.Options);
        var allowed = await _engine.Client().DecideAsync(SettingsChange());

        Assert.Equal((Outcome.Block, null, true), (blocked.Outcome, blocked.StepUp, blocked.Reasons.Contains(Reason.ProviderUnavailable)));
        Assert.Equal((Outcome.Allow, true), (allowed.Outcome, allowed.Reasons.Contains(Reason.ProviderUnavailable)));
        string[] seen = // what the Didit runbook and its alert watch
        [
            """riskengine_provider_calls_total\{[^}]*result="unavailable"[^}]*\} (?:[2-9]|\d\d+)\n""",
            """riskengine_decision_reasons_total\{[^}]*reason="provider_unavailable"[^}]*tenant="dev"[^}]*\} (?:[2-9]|\d\d+)\n""",
        ];
        var metrics = await _engine.MetricsUntilAsync(seen);
        Assert.All(seen, pattern => Assert.Matches(pattern, metrics));
    }

    [Fact]
    public async Task A_repeated_step_up_opens_one_session_at_didit()
    {
        var first = await _engine.Client().DecideAsync(SettingsChange());
        var again = await _engine.Client().DecideAsync(SettingsChange());
        var withPortrait = await _engine.Client().DecideAsync(SettingsChange(Portrait));

        Assert.Equal(first.StepUp, again.StepUp);
        Assert.NotEqual(first.StepUp!.SessionId, withPortrait.StepUp!.SessionId); // only a session opened with it matches it
        Assert.Equal([false, true], _didit.Requests.Where(r => r.Method == "POST").Select(r => r.Json.TryGetProperty("portrait_image", out _)));
    }

    [Fact]
    public async Task A_didit_outage_opens_the_circuit_and_later_decisions_do_not_wait_for_it()
    {
        _didit.Respond = _ => Results.StatusCode(500);
        for (var i = 0; i < 3; i++) await _engine.Client().DecideAsync(SettingsChange());
        var callsWhenOpen = _didit.Requests.Count;

        var decision = await _engine.Client().DecideAsync(SettingsChange());

        Assert.True(decision.Reasons.Contains(Reason.ProviderUnavailable));
        Assert.Equal(callsWhenOpen, _didit.Requests.Count);
    }

    [Fact]
    public async Task A_tenant_over_its_own_didit_rate_limit_opens_only_its_own_circuit()
    {
        // Didit limits each API key: acme's own key is over its limit, the global key (tenant dev's) is not.
        _didit.Respond = request => request.Headers["x-api-key"] == "acme-didit-key" ? new TooManyRequests(retryAfterSeconds: 0) : Created();
        var acme = _engine.Client("acme-key-0123456789abcdef");
        var recovery = new { user_id = "u", action = "account_recovery", device_id = "d", ip = "2.125.160.216" };
        for (var i = 0; i < 3; i++) await acme.DecideAsync(recovery);
        var acmeCallsWhenOpen = _didit.Requests.Count;

        var acmeLater = await acme.DecideAsync(recovery);
        var dev = await _engine.Client().DecideAsync(SettingsChange());

        Assert.True(acmeLater.Reasons.Contains(Reason.ProviderUnavailable));
        Assert.Equal((Outcome.StepUp, false), (dev.Outcome, dev.Reasons.Contains(Reason.ProviderUnavailable)));
        Assert.Equal(acmeCallsWhenOpen + 1, _didit.Requests.Count); // dev's session; acme's circuit kept its call away
        var circuit = "key " + Convert.ToHexStringLower(SHA256.HashData("acme-didit-key"u8)[..4]);
        Assert.Contains(_engine.Logs.Lines, line => line.Contains("OnRetry") && line.Contains(circuit)); // named by a hash of the key
        Assert.DoesNotContain(_engine.Logs.Lines, line => line.Contains("acme-didit-key"));
    }

    [Fact]
    public async Task Deleting_a_user_deletes_their_sessions_at_didit_too_also_those_the_engine_no_longer_keeps()
    {
        string[] older = [.. Enumerable.Range(0, 53).Select(i => $"didit-older-{i}")]; // gone from the engine's newest 64
        string[] known = [];
        _didit.Respond = r => r.Method switch
        {
            "DELETE" => Results.NoContent(),
            "GET" => SessionList(r, workflow => workflow == "wf-passive" ? [.. known, .. older] : []),
            _ => Created(),
        };
        known = [(await _engine.Client().DecideAsync(SettingsChange())).StepUp!.SessionId,
            (await _engine.Client().DecideAsync(SettingsChange(device: "d2"))).StepUp!.SessionId]; // another device: a session of its own

        using var deleted = await _engine.Client().DeleteAsync("/v1/users/user-1");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var deletions = _didit.Requests.Where(r => r.Method == "DELETE").ToList();
        Assert.Equal(known.Concat(older).Select(id => $"/v3/session/{id}/delete/").Order(), deletions.Select(r => r.Path).Order());
        Assert.All(deletions, r => Assert.Equal("global-didit-key", r.Headers["x-api-key"]));
        var lists = _didit.Requests.Where(r => r.Method == "GET").ToList();
        Assert.All(lists, r => Assert.Equal(("/v3/sessions/", "user-1", "global-didit-key"),
            (r.Path, QueryHelpers.ParseQuery(r.Query)["vendor_data"].ToString(), r.Headers["x-api-key"])));
        Assert.Equal(["wf-active-3d 0", "wf-passive 0", "wf-passive 50"], lists.Select(r => QueryHelpers.ParseQuery(r.Query))
            .Select(q => $"{q["workflow_id"]} {q["offset"]}").Order());
        const string deletedAtDidit = """riskengine_provider_deletions_total\{[^}]*result="deleted"[^}]*tenant="dev"[^}]*\} 55""";
        Assert.Matches(deletedAtDidit, await _engine.MetricsUntilAsync(deletedAtDidit));
    }

    [Fact]
    public async Task When_didit_cannot_delete_nothing_is_deleted_and_the_retry_deletes_everything()
    {
        var sessionId = (await _engine.Client().DecideAsync(SettingsChange())).StepUp!.SessionId;
        // e.g. an API key without Didit's delete:sessions permission
        _didit.Respond = r => r.Method == "GET" ? SessionList(r, _ => [sessionId]) : Results.StatusCode(403);

        using var failed = await _engine.Client().DeleteAsync("/v1/users/user-1");
        using var kept = await _engine.Client().GetAsync($"/v1/step-ups/{sessionId}");
        _didit.Respond = r => r.Method == "GET" ? SessionList(r, _ => []) : Results.NotFound(); // as when an earlier attempt got through
        using var retried = await _engine.Client().DeleteAsync("/v1/users/user-1");
        using var gone = await _engine.Client().GetAsync($"/v1/step-ups/{sessionId}");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), failed.Headers.RetryAfter?.Delta);
        Assert.Contains("Didit refused to delete the session with 403", (await failed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NotFound), (retried.StatusCode, gone.StatusCode));
        const string waiting = """riskengine_provider_deletions_total\{[^}]*result="unavailable"[^}]*tenant="dev"[^}]*\} [1-9]""";
        Assert.Matches(waiting, await _engine.MetricsUntilAsync(waiting));
    }

    [Fact]
    public async Task When_didit_cannot_list_the_users_sessions_nothing_is_deleted()
    {
        var sessionId = (await _engine.Client().DecideAsync(SettingsChange())).StepUp!.SessionId;
        _didit.Respond = r => r.Method == "GET" ? Results.StatusCode(403) : Results.NoContent();

        using var failed = await _engine.Client().DeleteAsync("/v1/users/user-1");
        using var kept = await _engine.Client().GetAsync($"/v1/step-ups/{sessionId}");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Contains("Didit refused to list the user's sessions with 403", (await failed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        Assert.DoesNotContain(_didit.Requests, r => r.Method == "DELETE");
    }

    [Fact]
    public async Task A_deletion_slower_than_the_engine_waits_answers_503_and_the_retry_finishes_it()
    {
        var settings = Settings();
        settings["Orleans:Messaging:ResponseTimeout"] = "00:00:02";
        await using var engine = new Engine(settings);
        engine.StartServer();
        var atDidit = new ConcurrentDictionary<string, bool>(Enumerable.Range(0, 64).Select(i => KeyValuePair.Create($"didit-older-{i}", true)));
        _didit.Respond = r =>
        {
            if (r.Method == "GET") return SessionList(r, workflow => workflow == "wf-passive" ? [.. atDidit.Keys.Order()] : []);
            atDidit.TryRemove(r.Path.Split('/')[3], out _);
            return new Slow(TimeSpan.FromMilliseconds(500), Results.NoContent()); // eight batches of eight: 4 s
        };

        using var first = await engine.Client().DeleteAsync("/v1/users/user-1");
        for (var deletions = 0; deletions < 64;) if ((await _didit.NextRequestAsync()).Method == "DELETE") deletions++;
        using var retried = await engine.Client().DeleteAsync("/v1/users/user-1");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), first.Headers.RetryAfter?.Delta);
        Assert.Equal("Deletion still in progress", (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.NoContent, retried.StatusCode);
        Assert.Empty(atDidit);
        Assert.Equal(64, _didit.Requests.Count(r => r.Method == "DELETE"));
    }

    /// <summary>Didit's <c>GET /v3/sessions/</c>: the page <c>limit</c>/<c>offset</c> ask for of the workflow's sessions.</summary>
    private static IResult SessionList(RecordedRequest request, Func<string, string[]> sessionsOf)
    {
        var query = QueryHelpers.ParseQuery(request.Query);
        var sessions = sessionsOf(query["workflow_id"].ToString());
        return Results.Json(new
        {
            count = sessions.Length,
            next = (string?)null,
            previous = (string?)null,
            results = sessions.Skip(int.Parse(query["offset"]!)).Take(int.Parse(query["limit"]!))
                .Select(id => new { session_id = id, session_kind = "user", status = "Approved", vendor_data = "user-1" }),
        });
    }

    private sealed class Slow(TimeSpan delay, IResult then) : IResult
    {
        public async Task ExecuteAsync(HttpContext context)
        {
            await Task.Delay(delay);
            await then.ExecuteAsync(context);
        }
    }

    private sealed class TooManyRequests(int retryAfterSeconds) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = retryAfterSeconds.ToString();
            return Task.CompletedTask;
        }
    }
}
