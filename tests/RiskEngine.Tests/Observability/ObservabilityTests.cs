using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Http;
using RiskEngine.Api.Webhooks;
using RiskEngine.Tests.StepUps;

namespace RiskEngine.Tests.Observability;

public sealed class ObservabilityTests(ObservabilityFixture fixture) : IClassFixture<ObservabilityFixture>
{
    private readonly HttpClient _client = fixture.Engine.Client(StepUpFixture.ApiKey);

    private static string NewUser() => "user-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>A known phone, then a new laptop on a new network: a step-up, approved on the sandbox page.</summary>
    private async Task<(string User, string SessionId)> ApprovedStepUpAsync(string? portrait = null)
    {
        var user = NewUser();
        await _client.DecideAsync(new { user_id = user, action = "login", device_id = "phone-" + user, ip = "2.125.160.216" });
        var stepUp = await _client.DecideAsync(new { user_id = user, action = "login", device_id = "laptop-" + user, ip = "89.160.20.112", portrait_image = portrait });
        Assert.Equal(Outcome.StepUp, stepUp.Outcome);
        var session = await fixture.Engine.ChooseAsync(stepUp.StepUp!, "approve");
        await fixture.Callbacks.WaitForAsync(session.SessionId, "Approved");
        return (user, session.SessionId);
    }

    [Fact]
    public async Task Metrics_count_decisions_reasons_step_ups_provider_calls_and_callbacks_in_prometheus_format()
    {
        await ApprovedStepUpAsync();
        string[] counted =
        [
            """riskengine_decisions_total\{[^}]*outcome="step_up"[^}]*tenant="acme"[^}]*\} [1-9]""",
            """riskengine_decision_reasons_total\{[^}]*reason="new_device"[^}]*\} [1-9]""",
            """riskengine_decision_duration_milliseconds_bucket\{[^}]*outcome="allow"[^}]*le="1"\} \d""",
            """riskengine_stepup_status_changes_total\{[^}]*method="ACTIVE_3D"[^}]*status="Approved"[^}]*tenant="acme"[^}]*\} [1-9]""",
            """riskengine_provider_calls_total\{[^}]*result="ok"[^}]*\} [1-9]""",
            """riskengine_callbacks_total\{[^}]*result="delivered"[^}]*tenant="acme"[^}]*\} [1-9]""",
        ];

        var text = await fixture.Engine.MetricsUntilAsync(counted);

        Assert.Contains("# TYPE riskengine_decisions_total counter", text);
        foreach (var pattern in counted) Assert.Matches(pattern, text);
        Assert.Contains("orleans_", text);
        Assert.Contains("http_server_request_duration_seconds", text);
    }

    [Fact]
    public async Task The_counters_alerts_watch_start_at_zero_so_that_their_first_rise_is_an_increase()
    {
        await using var engine = new Engine(new Dictionary<string, string?>
        {
            ["RiskEngine:Tenants:quiet:ApiKeys:0:Key"] = "quiet-key-0123456789abcdef",
            ["RiskEngine:Tenants:quiet:CallbackUrl"] = "http://127.0.0.1:9/callbacks",
            ["RiskEngine:Tenants:quiet:CallbackSecret"] = "quiet-callback-secret-0123",
        });
        engine.StartServer();
        // Tenant "quiet" is this engine's alone; other tests' engines in this process may count the rest meanwhile.
        string[] started =
        [
            .. ((string[])["delivered", "retry", "given_up"]).Select(result =>
                $$"""\nriskengine_callbacks_total\{[^}]*result="{{result}}"[^}]*tenant="quiet"[^}]*\} 0\n"""),
            """\nriskengine_requests_rate_limited_total\{[^}]*tenant="quiet"[^}]*\} 0\n""",
            .. ((string[])["user", "tenant"]).Select(limit =>
                $$"""\nriskengine_stepups_limited_total\{[^}]*limit="{{limit}}"[^}]*tenant="quiet"[^}]*\} 0\n"""),
            """\nriskengine_stepup_status_changes_total\{[^}]*method="ACTIVE_3D"[^}]*status="Expired"[^}]*tenant="quiet"[^}]*\} 0\n""",
            .. ((string[])["ok", "unavailable"]).Select(result => $$"""\nriskengine_provider_calls_total\{[^}]*result="{{result}}"[^}]*\} \d+\n"""),
            .. WebhookRejectionReasons.All.Select(reason => $$"""\nriskengine_webhooks_rejected_total\{[^}]*reason="{{reason}}"[^}]*\} \d+\n"""),
        ];

        var text = await engine.MetricsUntilAsync(started);

        Assert.All(started, pattern => Assert.Matches(pattern, text));
    }

    [Fact]
    public async Task A_webhook_with_a_bad_signature_is_counted_by_reason()
    {
        var at = fixture.Engine.Time.GetUtcNow();
        using var response = await DiditWebhook.PostAsync(fixture.Engine.Client(apiKey: null), StepUpFixture.Tenant,
            DiditWebhook.Body("no-such-session", "Approved", at).ToJsonString(), "not-the-secret", at);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);

        const string rejected = """riskengine_webhooks_rejected_total\{[^}]*reason="bad_signature"[^}]*\} [1-9]""";
        var text = await fixture.Engine.MetricsUntilAsync(rejected);

        Assert.Matches(rejected, text);
    }

    [Fact]
    public async Task Traces_go_to_the_otlp_endpoint_from_the_request_through_the_grain_to_the_provider()
    {
        await ApprovedStepUpAsync();

        var deadline = DateTime.UtcNow.AddSeconds(15);
        string spans;
        do
        {
            var exports = fixture.Collector.Requests.Where(r => r.Path == "/v1/traces").ToList();
            spans = string.Join("\n", exports.Select(r => Encoding.UTF8.GetString(r.Body)));
            if (spans.Contains("riskengine.provider.create_session") && spans.Contains("riskengine.callback")) break;
            await Task.Delay(100);
        } while (DateTime.UtcNow < deadline);

        Assert.Contains("/v1/decisions", spans); // ASP.NET Core's span for the request
        Assert.Contains("riskengine.provider.create_session", spans);
        Assert.Contains("riskengine.callback", spans);
        Assert.Contains("riskengine-api", spans); // the service name
    }

    [Fact]
    public async Task The_dashboard_wants_an_admin_key_which_a_browser_sends_as_the_basic_password()
    {
        using var anonymous = fixture.Engine.Client(apiKey: null);
        using var refused = await anonymous.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains(refused.Headers.WwwAuthenticate, h => h.Scheme == "Basic");

        Assert.Equal(HttpStatusCode.Forbidden, (await GetWithBasicAsync("/dashboard/", ObservabilityFixture.DecideOnlyKey)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetWithBasicAsync("/dashboard/", "wrong-key-0123456789")).StatusCode);

        using var page = await GetWithBasicAsync("/dashboard/", StepUpFixture.ApiKey);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Orleans Dashboard", await page.Content.ReadAsStringAsync());
        using var counters = await GetWithBasicAsync("/dashboard/DashboardCounters", StepUpFixture.ApiKey);
        Assert.Equal(HttpStatusCode.OK, counters.StatusCode);
        Assert.Contains("\"hosts\"", await counters.Content.ReadAsStringAsync());
    }

    private async Task<HttpResponseMessage> GetWithBasicAsync(string path, string key)
    {
        using var anonymous = fixture.Engine.Client(apiKey: null);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("operator:" + key)));
        return await anonymous.SendAsync(request);
    }

    [Fact]
    public async Task Logs_at_information_and_above_carry_no_user_ids_ips_devices_keys_secrets_or_portraits()
    {
        var portrait = Convert.ToBase64String(Enumerable.Range(0, 3000).Select(i => (byte)(i * 7)).ToArray());
        var previous = fixture.Platform.Respond;
        fixture.Platform.Respond = _ => Results.StatusCode(500); // a refused callback logs a warning
        string user, sessionId;
        try
        {
            user = NewUser();
            await _client.DecideAsync(new { user_id = user, action = "login", device_id = "phone-" + user, ip = "2.125.160.216" });
            var stepUp = await _client.DecideAsync(new { user_id = user, action = "login", device_id = "laptop-" + user, ip = "89.160.20.112", portrait_image = portrait });
            sessionId = stepUp.StepUp!.SessionId;
            await fixture.Engine.ChooseAsync(stepUp.StepUp, "approve");
            await fixture.Callbacks.WaitForAsync(sessionId, "Approved");
        }
        finally
        {
            fixture.Platform.Respond = previous;
        }
        // An operator's acts on the user, which the log records without naming them.
        var declined = await _client.DecideAsync(new { user_id = user, action = "login", device_id = "tablet-" + user, ip = "89.160.20.112" });
        await fixture.Engine.ChooseAsync(declined.StepUp!, "decline");
        await fixture.Callbacks.WaitForAsync(declined.StepUp!.SessionId, "Declined");
        using var unlocked = await _client.PostAsync($"/v1/users/{user}/unlock", null);
        using var forgotten = await _client.DeleteAsync($"/v1/users/{user}");
        var at = fixture.Engine.Time.GetUtcNow();
        using var forged = await DiditWebhook.PostAsync(fixture.Engine.Client(apiKey: null), StepUpFixture.Tenant,
            DiditWebhook.Body(sessionId, "Declined", at).ToJsonString(), "forged-secret", at);
        using var wrongKey = await fixture.Engine.Client("a-wrong-key-0123456789").PostDecisionAsync(new { user_id = user });

        var logged = fixture.Engine.Logs.Lines.Where(l => !l.StartsWith("Trace") && !l.StartsWith("Debug")).ToList();

        Assert.Contains(logged, l => l.Contains("Callback") && l.Contains("will retry")); // the refusal was logged
        Assert.Contains(logged, l => l.Contains("unlocked by")); // and the operator's acts
        Assert.Contains(logged, l => l.Contains("forgotten by"));
        string[] secrets = [user, "2.125.160.216", "89.160.20.112", "laptop-" + user, portrait[..64], StepUpFixture.ApiKey, ObservabilityFixture.DecideOnlyKey,
            "a-wrong-key-0123456789", StepUpFixture.WebhookSecret, StepUpFixture.CallbackSecret, Engine.ApiKey];
        foreach (var secret in secrets)
            Assert.DoesNotContain(logged, l => l.Contains(secret, StringComparison.Ordinal));
    }
}
