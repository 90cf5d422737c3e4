using System.Text;
using RiskEngine.Didit;

namespace RiskEngine.Tests.StepUps;

public sealed class DiditWebhookTests(StepUpFixture fixture) : IClassFixture<StepUpFixture>
{
    private readonly HttpClient _didit = fixture.Engine.Client(apiKey: null);
    private DateTimeOffset Now => fixture.Engine.Time.GetUtcNow();

    private async Task<string> NewSessionAsync()
    {
        var client = fixture.Engine.Client(StepUpFixture.ApiKey);
        var decision = await client.DecideAsync(new { user_id = "u-" + Guid.NewGuid().ToString("N"), action = "account_recovery", device_id = "d", ip = "2.125.160.216" });
        return decision.StepUp!.SessionId;
    }

    private Task<HttpResponseMessage> SendAsync(string json, string? secret = null, DateTimeOffset? timestamp = null, string header = DiditSignature.V2Header) =>
        DiditWebhook.PostAsync(_didit, StepUpFixture.Tenant, json, secret ?? StepUpFixture.WebhookSecret, timestamp ?? Now, header);

    private async Task<StepUpSessionView> SessionAsync(string sessionId) =>
        (await fixture.Engine.Client(StepUpFixture.ApiKey).GetFromJsonAsync<StepUpSessionView>($"/v1/step-ups/{sessionId}", Json.Options))!;

    [Fact]
    public async Task A_signed_webhook_is_applied_and_acknowledged()
    {
        var sessionId = await NewSessionAsync();

        using var response = await SendAsync(DiditWebhook.Body(sessionId, "In Progress", Now).ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("applied", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
        Assert.Equal(SessionStatus.InProgress, (await SessionAsync(sessionId)).Status);
    }

    [Fact]
    public async Task The_signature_covers_the_canonical_form_not_the_bytes()
    {
        var sessionId = await NewSessionAsync();
        var body = DiditWebhook.Body(sessionId, "In Progress", Now, liveness: 88.0);
        body["vendor_data"] = "Zoë Müller";
        var compact = body.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var signature = DiditSignature.SignV2(Encoding.UTF8.GetBytes(compact), StepUpFixture.WebhookSecret);
        // The same event as Didit may deliver it: pretty-printed, keys in reverse order, non-ASCII as \u escapes.
        var reversed = new System.Text.Json.Nodes.JsonObject(body.Reverse().Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
        var delivered = reversed.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        Assert.Contains("\\u00EB", delivered);
        Assert.NotEqual(compact, delivered);

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/didit/{StepUpFixture.Tenant}")
        {
            Content = new StringContent(delivered, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(DiditSignature.V2Header, signature);
        request.Headers.Add(DiditSignature.TimestampHeader, Now.ToUnixTimeSeconds().ToString());
        using var response = await _didit.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(88.0, (await SessionAsync(sessionId)).LivenessScore);
    }

    [Fact]
    public async Task A_bad_signature_is_401_and_changes_nothing()
    {
        var sessionId = await NewSessionAsync();

        using var response = await SendAsync(DiditWebhook.Body(sessionId, "Approved", Now).ToJsonString(), secret: "not-the-secret");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(SessionStatus.NotStarted, (await SessionAsync(sessionId)).Status);
    }

    [Fact]
    public async Task A_webhook_without_a_signature_is_401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/didit/{StepUpFixture.Tenant}")
        {
            Content = new StringContent(DiditWebhook.Body("s", "Approved", Now).ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(DiditSignature.TimestampHeader, Now.ToUnixTimeSeconds().ToString());

        using var response = await _didit.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_stale_x_timestamp_is_401()
    {
        var sessionId = await NewSessionAsync();

        using var response = await SendAsync(DiditWebhook.Body(sessionId, "In Progress", Now).ToJsonString(), timestamp: Now.AddSeconds(-301));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(long.MinValue)]
    [InlineData(long.MaxValue)]
    [InlineData(null)] // now minus it is 2^63, one beyond the largest long
    public async Task An_x_timestamp_at_the_ends_of_the_number_range_is_401(long? seconds)
    {
        var header = seconds ?? unchecked(Now.ToUnixTimeSeconds() + long.MinValue);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/didit/{StepUpFixture.Tenant}")
        {
            Content = new StringContent(DiditWebhook.Body("s", "Approved", Now).ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(DiditSignature.TimestampHeader, header.ToString(System.Globalization.CultureInfo.InvariantCulture));

        using var response = await _didit.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_stale_body_timestamp_is_401_even_with_a_fresh_header()
    {
        var sessionId = await NewSessionAsync();

        using var response = await SendAsync(DiditWebhook.Body(sessionId, "In Progress", Now.AddSeconds(-301)).ToJsonString());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_previous_secret_is_accepted_during_rotation()
    {
        var sessionId = await NewSessionAsync();

        using var response = await SendAsync(DiditWebhook.Body(sessionId, "In Progress", Now).ToJsonString(), secret: StepUpFixture.PreviousWebhookSecret);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task X_signature_over_the_raw_body_is_accepted_as_a_fallback()
    {
        var sessionId = await NewSessionAsync();

        using var response = await SendAsync(DiditWebhook.Body(sessionId, "In Progress", Now).ToJsonString(), header: DiditSignature.RawHeader);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_authentic_body_that_is_not_json_is_400()
    {
        using var response = await SendAsync("status=Approved", header: DiditSignature.RawHeader);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"status":"Approved","timestamp":TS}""", "session_id")]
    [InlineData("""{"session_id":"s-1","status":"Done","timestamp":TS}""", "status")]
    public async Task An_authentic_webhook_without_what_the_engine_needs_is_400(string template, string field)
    {
        using var response = await SendAsync(template.Replace("TS", Now.ToUnixTimeSeconds().ToString()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], (await response.ProblemErrorsAsync()).Keys);
    }

    [Fact]
    public async Task A_webhook_for_an_unknown_tenant_is_401()
    {
        using var response = await DiditWebhook.PostAsync(_didit, "nobody", DiditWebhook.Body("s", "Approved", Now).ToJsonString(), StepUpFixture.WebhookSecret, Now);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_repeated_delivery_is_acknowledged_and_applied_once()
    {
        var sessionId = await NewSessionAsync();
        var webhook = DiditWebhook.Body(sessionId, "In Progress", Now, eventId: "evt-repeat").ToJsonString();

        using var first = await SendAsync(webhook);
        using var again = await SendAsync(webhook);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("duplicate", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
        Assert.Equal(2, (await SessionAsync(sessionId)).History.Length);
    }

    [Fact]
    public async Task Events_for_an_unknown_session_are_recorded_and_answered()
    {
        var sessionId = Guid.NewGuid().ToString();

        using var response = await SendAsync(DiditWebhook.Body(sessionId, "In Progress", Now).ToJsonString());
        var session = await SessionAsync(sessionId);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((SessionStatus.InProgress, null), (session.Status, session.DecisionId));
    }

    [Fact]
    public async Task An_older_webhook_arriving_late_does_not_overwrite_a_newer_status()
    {
        var sessionId = await NewSessionAsync();

        using var approved = await SendAsync(DiditWebhook.Body(sessionId, "Approved", Now).ToJsonString());
        using var late = await SendAsync(DiditWebhook.Body(sessionId, "In Progress", Now.AddSeconds(-20)).ToJsonString());

        Assert.Equal("stale", (await late.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
        Assert.Equal(SessionStatus.Approved, (await SessionAsync(sessionId)).Status);
    }
}
