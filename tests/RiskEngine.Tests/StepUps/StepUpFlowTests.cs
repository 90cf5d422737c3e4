using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;

namespace RiskEngine.Tests.StepUps;

public sealed class StepUpFlowTests(StepUpFixture fixture) : IClassFixture<StepUpFixture>
{
    private readonly HttpClient _client = fixture.Engine.Client(StepUpFixture.ApiKey);

    private static string NewUser() => "user-" + Guid.NewGuid().ToString("N")[..12];

    private static object Login(string user, string device, string ip = "2.125.160.216") =>
        new { user_id = user, action = "login", device_id = device, ip };

    /// <summary>A user with a known phone who then logs in from a new laptop on a new network: a step-up.</summary>
    private async Task<(string User, DecisionResult StepUp)> NewLaptopAsync()
    {
        var user = NewUser();
        await _client.DecideAsync(Login(user, "phone"));
        var stepUp = await _client.DecideAsync(Login(user, "laptop", "89.160.20.112"));
        Assert.Equal(Outcome.StepUp, stepUp.Outcome);
        return (user, stepUp);
    }

    private Task<StepUpSessionView> ChooseAsync(StepUpInfo stepUp, string verdict) => fixture.Engine.ChooseAsync(stepUp, verdict);

    /// <summary>A user with a known phone and three step-ups declined on other devices: locked.</summary>
    private async Task<(string User, List<StepUpInfo> Declined)> LockedUserAsync(string device)
    {
        var user = NewUser();
        await _client.DecideAsync(Login(user, "phone"));
        var declined = new List<StepUpInfo>();
        for (var i = 0; i < 3; i++)
        {
            var attempt = (await _client.DecideAsync(Login(user, $"{device}-{i}", "89.160.20.112"))).StepUp!;
            declined.Add(attempt);
            await ChooseAsync(attempt, "decline");
            await fixture.Callbacks.WaitForAsync(attempt.SessionId, "Declined");
        }
        return (user, declined);
    }

    [Fact]
    public async Task An_approved_step_up_lets_the_same_device_in_next_time()
    {
        var (user, decision) = await NewLaptopAsync();

        var session = await ChooseAsync(decision.StepUp!, "approve");
        var next = await _client.DecideAsync(Login(user, "laptop", "89.160.20.112")); // no waiting: acknowledged means applied

        Assert.Equal(SessionStatus.Approved, session.Status);
        Assert.Equal([SessionStatus.NotStarted, SessionStatus.InProgress, SessionStatus.Approved], session.History.Select(h => h.Status));
        Assert.Equal((96.0, 91.5), (session.LivenessScore, session.FaceSimilarity));
        Assert.Equal((Outcome.Allow, ReasonSet.Empty), (next.Outcome, next.Reasons));
    }

    [Fact]
    public async Task A_fresh_approval_suppresses_the_next_prompt_on_that_device()
    {
        var (user, decision) = await NewLaptopAsync();
        var session = await ChooseAsync(decision.StepUp!, "approve");
        await fixture.Callbacks.WaitForAsync(session.SessionId, "Approved");

        var settings = await _client.DecideAsync(new { user_id = user, action = "settings_change", device_id = "laptop", ip = "89.160.20.112" });

        Assert.Equal(Outcome.Allow, settings.Outcome);
        Assert.True(settings.Reasons.Contains(Reason.RecentStepUp));
    }

    [Fact]
    public async Task Three_declines_lock_the_user_until_an_operator_unlocks()
    {
        var (user, _) = await LockedUserAsync("attacker");

        var locked = await _client.DecideAsync(Login(user, "phone"));
        using var unlock = await _client.PostAsync($"/v1/users/{user}/unlock", null);
        var unlocked = await _client.DecideAsync(Login(user, "phone"));

        Assert.Equal((Outcome.Block, true), (locked.Outcome, locked.Reasons.Contains(Reason.Locked)));
        Assert.Equal(HttpStatusCode.NoContent, unlock.StatusCode);
        Assert.Equal(Outcome.Allow, unlocked.Outcome);
    }

    [Fact]
    public async Task Support_sees_a_locked_user_with_the_declines_and_sessions_behind_it()
    {
        var (user, declined) = await LockedUserAsync("attacker");

        var locked = await _client.GetFromJsonAsync<JsonElement>($"/v1/users/{user}");
        var at = fixture.Engine.Time.GetUtcNow().UtcDateTime;
        using var unlock = await _client.PostAsync($"/v1/users/{user}/unlock", null);
        var unlocked = await _client.GetFromJsonAsync<JsonElement>($"/v1/users/{user}");

        Assert.True(locked.GetProperty("locked").GetBoolean());
        Assert.Equal(3, locked.GetProperty("declines_since_approval").GetArrayLength());
        Assert.Equal(declined.Select(d => d.SessionId), locked.GetProperty("step_up_sessions").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(1, locked.GetProperty("known_devices").GetInt32()); // the attackers' devices were never enrolled
        Assert.Equal(JsonValueKind.Null, locked.GetProperty("unlocked_by").ValueKind);
        Assert.False(unlocked.GetProperty("locked").GetBoolean());
        Assert.Equal(0, unlocked.GetProperty("declines_since_approval").GetArrayLength());
        Assert.Equal(StepUpFixture.KeyName, unlocked.GetProperty("unlocked_by").GetString());
        Assert.Equal(at, unlocked.GetProperty("unlocked_at").GetDateTime().ToUniversalTime());
        Assert.Contains(fixture.Engine.Logs.Lines, l => l.Contains($"A user of tenant {StepUpFixture.Tenant} unlocked by {StepUpFixture.KeyName}"));
    }

    [Fact]
    public async Task A_reviewer_approving_a_declined_session_enrols_the_device_and_lifts_the_lock()
    {
        var (user, attempts) = await LockedUserAsync("laptop");

        var reviewed = await ChooseAsync(attempts[0], "approve");
        await fixture.Callbacks.WaitForAsync(reviewed.SessionId, "Approved");
        var after = await _client.DecideAsync(Login(user, "laptop-0", "89.160.20.112"));

        Assert.Equal([SessionStatus.NotStarted, SessionStatus.InProgress, SessionStatus.Declined, SessionStatus.Approved], reviewed.History.Select(h => h.Status));
        Assert.Equal(Outcome.Allow, after.Outcome);
    }

    [Fact]
    public async Task Every_status_change_is_called_back_signed_and_once_per_event()
    {
        var (user, decision) = await NewLaptopAsync();

        var session = await ChooseAsync(decision.StepUp!, "approve");
        var approved = await fixture.Callbacks.WaitForAsync(session.SessionId, "Approved");
        var inProgress = await fixture.Callbacks.WaitForAsync(session.SessionId, "In Progress");

        foreach (var callback in new[] { inProgress, approved })
        {
            Assert.Equal("/hooks/riskengine", callback.Path);
            var header = callback.Headers["X-RiskEngine-Signature"];
            var t = header.Split(',')[0]["t=".Length..];
            var v1 = header.Split(',')[1]["v1=".Length..];
            var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(StepUpFixture.CallbackSecret),
                Encoding.UTF8.GetBytes(t + ".").Concat(callback.Body).ToArray()));
            Assert.Equal(expected, v1);
            Assert.InRange(long.Parse(t), fixture.Engine.Time.GetUtcNow().AddMinutes(-5).ToUnixTimeSeconds(), fixture.Engine.Time.GetUtcNow().ToUnixTimeSeconds());
        }
        var body = approved.Json;
        Assert.Equal("step_up.status_changed", body.GetProperty("type").GetString());
        Assert.StartsWith("evt_", body.GetProperty("event_id").GetString());
        var data = body.GetProperty("data");
        Assert.Equal((session.SessionId, decision.DecisionId, user, JsonEnumNames<StepUpMethod>.Name(decision.Method!.Value)),
            (data.GetProperty("session_id").GetString(), data.GetProperty("decision_id").GetString(),
             data.GetProperty("user_id").GetString(), data.GetProperty("method").GetString()));
        Assert.NotEqual(approved.Json.GetProperty("event_id").GetString(), inProgress.Json.GetProperty("event_id").GetString());
    }

    [Fact]
    public async Task A_repeated_step_up_sends_the_user_back_to_the_session_still_awaiting_them()
    {
        var (user, first) = await NewLaptopAsync();

        var again = await _client.DecideAsync(Login(user, "laptop", "89.160.20.112"));
        var elsewhere = await _client.DecideAsync(Login(user, "laptop")); // the phone's network: another context

        Assert.Equal((Outcome.StepUp, first.StepUp!.SessionId, first.StepUp.SessionUrl, first.StepUp.ExpiresAt),
            (again.Outcome, again.StepUp!.SessionId, again.StepUp.SessionUrl, again.StepUp.ExpiresAt));
        Assert.NotEqual(first.DecisionId, again.DecisionId);
        Assert.NotEqual(first.StepUp.SessionId, elsewhere.StepUp!.SessionId);
        var session = await ChooseAsync(again.StepUp, "approve");
        Assert.Equal(first.DecisionId, session.DecisionId); // the session stays the first decision's
        Assert.Equal(Outcome.Allow, (await _client.DecideAsync(Login(user, "laptop", "89.160.20.112"))).Outcome);
    }

    [Fact]
    public async Task A_step_up_that_ended_or_has_less_than_half_its_time_left_is_not_resumed()
    {
        var (user, first) = await NewLaptopAsync();
        await ChooseAsync(first.StepUp!, "abandon");

        var afterAbandoned = (await _client.DecideAsync(Login(user, "laptop", "89.160.20.112"))).StepUp!;
        fixture.Engine.Time.Advance((afterAbandoned.ExpiresAt - fixture.Engine.Time.GetUtcNow()) / 2 + TimeSpan.FromSeconds(1));
        var pastHalf = (await _client.DecideAsync(Login(user, "laptop", "89.160.20.112"))).StepUp!;

        Assert.NotEqual(first.StepUp!.SessionId, afterAbandoned.SessionId);
        Assert.NotEqual(afterAbandoned.SessionId, pastHalf.SessionId);
        var notResumed = await _client.GetFromJsonAsync<StepUpSessionView>($"/v1/step-ups/{afterAbandoned.SessionId}", Json.Options);
        Assert.Equal(SessionStatus.NotStarted, notResumed!.Status); // still open: only not handed out again
    }

    [Fact]
    public async Task A_stronger_step_up_is_opened_anew_and_then_resumed_for_a_weaker_one()
    {
        var user = NewUser();
        await _client.DecideAsync(Login(user, "phone"));
        var passive = await _client.DecideAsync(Login(user, "laptop")); // a new device on a known network

        var recovery = await _client.DecideAsync(new { user_id = user, action = "account_recovery", device_id = "laptop", ip = "2.125.160.216" });
        var login = await _client.DecideAsync(Login(user, "laptop"));

        Assert.Equal(StepUpMethod.Passive, passive.Method);
        Assert.Equal(StepUpMethod.Active3D, recovery.Method);
        Assert.NotEqual(passive.StepUp!.SessionId, recovery.StepUp!.SessionId);
        Assert.Equal((StepUpMethod.Active3D, recovery.StepUp.SessionId), (login.Method, login.StepUp!.SessionId));
    }

    [Fact]
    public async Task New_devices_past_the_limit_are_blocked_with_velocity_while_the_known_phone_still_steps_up()
    {
        var user = NewUser();
        await _client.DecideAsync(Login(user, "phone"));
        var opened = new List<DecisionResult>();
        for (var i = 0; i < 5; i++) opened.Add(await _client.DecideAsync(Login(user, $"made-up-{i}", "89.160.20.112")));

        var sixth = await _client.DecideAsync(Login(user, "made-up-5", "89.160.20.112"));
        var held = await _client.GetFromJsonAsync<JsonElement>($"/v1/users/{user}");
        var openedAt = fixture.Engine.Time.GetUtcNow().UtcDateTime; // the fake clock stood still through the five
        var fromPhone = await _client.DecideAsync(new { user_id = user, action = "transfer", device_id = "phone", ip = "2.125.160.216", amount = 2500, currency = "EUR" });
        fixture.Engine.Time.Advance(TimeSpan.FromMinutes(10)); // the policy's default window
        var later = await _client.DecideAsync(Login(user, "made-up-6", "89.160.20.112"));

        Assert.All(opened, d => Assert.Equal(Outcome.StepUp, d.Outcome));
        Assert.Equal(5, opened.Select(d => d.StepUp!.SessionId).Distinct().Count());
        Assert.Equal((Outcome.Block, null, null, true), (sixth.Outcome, sixth.Method, sixth.StepUp, sixth.Reasons.Contains(Reason.Velocity)));
        Assert.Equal(Outcome.StepUp, fromPhone.Outcome);
        Assert.Equal(Outcome.StepUp, later.Outcome);
        Assert.Equal(openedAt.AddMinutes(10), held.GetProperty("new_devices_held_until").GetDateTime().ToUniversalTime());
        const string counted = """\nriskengine_stepups_limited_total\{[^}]*limit="user"[^}]*tenant="acme"[^}]*\} [1-9]""";
        Assert.Matches(counted, await fixture.Engine.MetricsUntilAsync(counted));
    }

    [Fact]
    public async Task The_readme_s_verification_code_accepts_a_real_callback_and_rejects_a_tampered_one()
    {
        var (_, decision) = await NewLaptopAsync();
        var session = await ChooseAsync(decision.StepUp!, "decline");
        var callback = await fixture.Callbacks.WaitForAsync(session.SessionId, "Declined");
        var header = callback.Headers["X-RiskEngine-Signature"];
        var tolerance = (DateTimeOffset.UtcNow - fixture.Engine.Time.GetUtcNow()).Duration() + TimeSpan.FromMinutes(5); // the engine runs on a fake clock

        Assert.True(IsFromRiskEngine(header, callback.Body, StepUpFixture.CallbackSecret, tolerance));
        Assert.False(IsFromRiskEngine(header, [.. callback.Body, (byte)' '], StepUpFixture.CallbackSecret, tolerance));
        Assert.False(IsFromRiskEngine(header, callback.Body, "another-secret", tolerance));
        var t = header.Split(',')[0];
        foreach (var malformed in new[] { "", "v1", $"{t},v1={new string('z', 64)}", $"{t},v1={new string('a', 63)}",
                     $"{t},v1={new string('a', 66)}", $"{t},{t}", "t=x,v1=" + header.Split("v1=")[1] })
            Assert.False(IsFromRiskEngine(malformed, callback.Body, StepUpFixture.CallbackSecret, tolerance), malformed);
        Assert.True(IsFromRiskEngine($"{t},{header}", callback.Body, StepUpFixture.CallbackSecret, tolerance)); // t twice
    }

    // Verbatim from README.md, "Callbacks to the platform".
    static bool IsFromRiskEngine(string header, byte[] rawBody, string secret, TimeSpan tolerance)
    {
        string? t = null, v1 = null; // any header, however malformed, is a false, never an exception
        foreach (var field in header.Split(','))
            if (field.Split('=', 2) is [var name, var value])
                if (name.Trim() == "t") t = value.Trim(); else if (name.Trim() == "v1") v1 = value.Trim();
        if (!long.TryParse(t, out var seconds)
            || Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - seconds) > tolerance.TotalSeconds) return false; // replayed or stale
        var presented = new byte[HMACSHA256.HashSizeInBytes];
        if (v1 is null || Convert.FromHexString(v1, presented, out _, out var written) != OperationStatus.Done
            || written != presented.Length) return false;
        byte[] signed = [.. Encoding.UTF8.GetBytes(t + "."), .. rawBody];
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
        return CryptographicOperations.FixedTimeEquals(expected, presented);
    }

    [Fact]
    public async Task A_callback_the_platform_refuses_is_retried_with_the_same_event_id()
    {
        var (_, decision) = await NewLaptopAsync();
        var sessionId = decision.StepUp!.SessionId;
        var refusals = 0;
        var previous = fixture.Platform.Respond;
        fixture.Platform.Respond = r => r.Text.Contains(sessionId) && Interlocked.Increment(ref refusals) == 1 ? Results.StatusCode(500) : Results.Ok();
        try
        {
            var webhook = DiditWebhook.Body(sessionId, "In Progress", fixture.Engine.Time.GetUtcNow()).ToJsonString();
            using var response = await DiditWebhook.PostAsync(fixture.Engine.Client(apiKey: null), StepUpFixture.Tenant, webhook, StepUpFixture.WebhookSecret, fixture.Engine.Time.GetUtcNow());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await fixture.Callbacks.WaitForAsync(sessionId, "In Progress");
            var refused = await _client.GetFromJsonAsync<StepUpSessionView>($"/v1/step-ups/{sessionId}", Json.Options); // after the attempt's turn
            var attemptedAt = fixture.Engine.Time.GetUtcNow();

            fixture.Engine.Time.Advance(TimeSpan.FromSeconds(5)); // past the first backoff
            await fixture.Callbacks.WaitForAsync(sessionId, "In Progress", count: 2);
            var delivered = await _client.GetFromJsonAsync<StepUpSessionView>($"/v1/step-ups/{sessionId}", Json.Options);

            var deliveries = fixture.Callbacks.Of(sessionId);
            var eventId = deliveries[0].Json.GetProperty("event_id").GetString();
            Assert.Equal(eventId, deliveries[1].Json.GetProperty("event_id").GetString());
            var pending = Assert.Single(refused!.PendingCallbacks); // what the platform's engineers see meanwhile
            Assert.Equal((eventId, SessionStatus.InProgress, 1, "HTTP 500"), (pending.EventId, pending.Status, pending.Attempts, pending.LastError));
            Assert.InRange(pending.NextAttemptAt, attemptedAt.AddSeconds(0.8), attemptedAt.AddSeconds(1.2)); // 1 s, jittered
            Assert.Empty(delivered!.PendingCallbacks);
            const string retried = """riskengine_callbacks_total\{[^}]*result="retry"[^}]*tenant="acme"[^}]*\} [1-9]""";
            Assert.Matches(retried, await fixture.Engine.MetricsUntilAsync(retried)); // what the callbacks alert watches
        }
        finally
        {
            fixture.Platform.Respond = previous;
        }
    }

    [Fact]
    public async Task A_callback_refused_for_a_day_is_given_up_counted_and_logged()
    {
        var (_, decision) = await NewLaptopAsync();
        var sessionId = decision.StepUp!.SessionId;
        var previous = fixture.Platform.Respond;
        fixture.Platform.Respond = r => r.Text.Contains(sessionId) ? Results.StatusCode(503) : previous(r);
        try
        {
            var webhook = DiditWebhook.Body(sessionId, "In Progress", fixture.Engine.Time.GetUtcNow()).ToJsonString();
            using var response = await DiditWebhook.PostAsync(fixture.Engine.Client(apiKey: null), StepUpFixture.Tenant, webhook, StepUpFixture.WebhookSecret, fixture.Engine.Time.GetUtcNow());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await fixture.Callbacks.WaitForAsync(sessionId, "In Progress");
            var eventId = fixture.Callbacks.Of(sessionId)[0].Json.GetProperty("event_id").GetString();

            fixture.Engine.Time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
            await fixture.Callbacks.WaitForAsync(sessionId, "In Progress", count: 2); // the last attempt, refused too
            const string givenUp = """riskengine_callbacks_total\{[^}]*result="given_up"[^}]*tenant="acme"[^}]*\} [1-9]""";
            var metrics = await fixture.Engine.MetricsUntilAsync(givenUp);
            var view = await _client.GetFromJsonAsync<StepUpSessionView>($"/v1/step-ups/{sessionId}", Json.Options);

            Assert.Matches(givenUp, metrics);
            Assert.DoesNotContain(view!.PendingCallbacks, c => c.EventId == eventId);
            Assert.Contains(fixture.Engine.Logs.Lines, line => line.Contains($"Gave up delivering Callback {eventId} for tenant acme after 2 attempts"));
        }
        finally
        {
            fixture.Platform.Respond = previous;
        }
    }

    [Fact]
    public async Task A_webhook_for_a_session_never_started_is_kept_one_ttl_then_erased()
    {
        // As after its user was forgotten: Didit still reports on a session the engine no longer has.
        var sessionId = Guid.NewGuid().ToString();
        var now = fixture.Engine.Time.GetUtcNow();
        var webhook = DiditWebhook.Body(sessionId, "In Progress", now).ToJsonString();
        using var response = await DiditWebhook.PostAsync(fixture.Engine.Client(apiKey: null), StepUpFixture.Tenant, webhook, StepUpFixture.WebhookSecret, now);
        var session = fixture.Engine.Grains.GetGrain<IStepUpSessionGrain>(GrainKeys.For(StepUpFixture.Tenant, sessionId));
        var grainId = ((GrainReference)session).GrainId;
        var reminders = fixture.Engine.Services.GetRequiredService<IReminderTable>();
        var kept = await session.GetAsync();
        var reminder = await reminders.ReadRow(grainId, "tick");

        fixture.Engine.Time.Advance(TimeSpan.FromMinutes(31));
        await session.AsReference<IRemindable>().ReceiveReminder("tick", default);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SessionStatus.InProgress, kept!.Status);
        Assert.NotNull(reminder);
        Assert.Null(await session.GetAsync());
        Assert.Null(await reminders.ReadRow(grainId, "tick"));
    }

    [Fact]
    public async Task A_finished_session_drops_its_reminder_once_its_callback_is_delivered()
    {
        var (_, decision) = await NewLaptopAsync();
        var session = fixture.Engine.Grains.GetGrain<IStepUpSessionGrain>(GrainKeys.For(StepUpFixture.Tenant, decision.StepUp!.SessionId));
        var grainId = ((GrainReference)session).GrainId;
        var reminders = fixture.Engine.Services.GetRequiredService<IReminderTable>();
        var armed = await reminders.ReadRow(grainId, "tick");

        await ChooseAsync(decision.StepUp, "approve");
        await fixture.Callbacks.WaitForAsync(decision.StepUp.SessionId, "Approved");
        await session.GetAsync(); // runs after the delivery's turn, which ends by dropping the reminder

        Assert.NotNull(armed);
        Assert.Null(await reminders.ReadRow(grainId, "tick"));
    }

    [Fact]
    public async Task A_session_without_a_verdict_expires_after_its_ttl()
    {
        var (_, decision) = await NewLaptopAsync();
        var session = fixture.Engine.Grains.GetGrain<IStepUpSessionGrain>(GrainKeys.For(StepUpFixture.Tenant, decision.StepUp!.SessionId));
        // What the alert on sessions expiring unanswered (webhooks not reaching the engine) counts.
        static long Expired(string metrics) => Regex.Match(metrics,
            """riskengine_stepup_status_changes_total\{[^}]*method="ACTIVE_3D"[^}]*status="Expired"[^}]*tenant="acme"[^}]*\} (\d+)\n""") is { Success: true } m
            ? long.Parse(m.Groups[1].Value) : 0;
        var expiredBefore = Expired(await fixture.Engine.MetricsUntilAsync(_ => true));

        fixture.Engine.Time.Advance(TimeSpan.FromMinutes(31));
        await session.AsReference<IRemindable>().ReceiveReminder("tick", default);
        await fixture.Callbacks.WaitForAsync(decision.StepUp.SessionId, "Expired");
        var view = await _client.GetFromJsonAsync<StepUpSessionView>($"/v1/step-ups/{decision.StepUp.SessionId}", Json.Options);
        var expiredAfter = Expired(await fixture.Engine.MetricsUntilAsync(text => Expired(text) > expiredBefore));

        Assert.Equal(SessionStatus.Expired, view!.Status);
        Assert.Equal(decision.StepUp.ExpiresAt, view.History[^1].At);
        Assert.True(expiredAfter > expiredBefore, $"Expired counted {expiredBefore}, then {expiredAfter}");
    }
}
