namespace RiskEngine.Tests.Api;

/// <summary>The OpenAPI document a platform's engineers generate clients from, and the reference page over it.</summary>
public sealed class ApiDocumentationTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private readonly HttpClient _anonymous = fixture.Engine.Client(apiKey: null);

    private async Task<JsonElement> DocumentAsync()
    {
        using var response = await _anonymous.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();
    }

    [Fact]
    public async Task The_document_describes_every_platform_endpoint_and_the_key_each_needs()
    {
        var document = await DocumentAsync();

        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (Name: $"{op.Name.ToUpperInvariant()} {path.Name}", Operation: op.Value)))
            .ToList();
        Assert.Equal(
            ["DELETE /v1/users/{user_id}", "GET /v1/policy", "GET /v1/policy/versions", "GET /v1/policy/versions/{version}",
             "GET /v1/step-ups/{session_id}", "GET /v1/users/{user_id}", "POST /v1/decisions", "POST /v1/policy/simulate",
             "POST /v1/users/{user_id}/unlock", "POST /webhooks/didit/{tenant_id}", "PUT /v1/policy"],
            operations.Select(o => o.Name).Order());
        foreach (var (name, operation) in operations.Where(o => o.Name.Contains(" /v1/")))
        {
            Assert.True(operation.TryGetProperty("security", out var security), name);
            Assert.True(security[0].TryGetProperty("ApiKey", out _), name);
            Assert.True(operation.GetProperty("responses").TryGetProperty("401", out _), name);
        }
        Assert.False(operations.Single(o => o.Name.StartsWith("POST /webhooks")).Operation.TryGetProperty("security", out _));
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal(("apiKey", "header", "x-api-key"),
            (scheme.GetProperty("type").GetString(), scheme.GetProperty("in").GetString(), scheme.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task The_decision_schemas_are_what_goes_over_the_wire()
    {
        var document = await DocumentAsync();
        var client = fixture.Engine.Client();
        using var answer = await client.PostDecisionAsync(new
        {
            user_id = "docs-" + Guid.NewGuid().ToString("N"), action = "transfer", device_id = "d", ip = "81.2.69.160",
            amount = 2500, currency = "EUR",
        });
        var decision = await answer.Content.ReadFromJsonAsync<JsonElement>();

        var operation = document.GetProperty("paths").GetProperty("/v1/decisions").GetProperty("post");
        var request = operation.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Assert.Equal(["action", "device_id", "ip", "user_id"], request.GetProperty("required").EnumerateArray().Select(r => r.GetString()).Order());
        Assert.Equal(["account_recovery", "login", "settings_change", "transfer"],
            request.GetProperty("properties").GetProperty("action").GetProperty("enum").EnumerateArray().Select(a => a.GetString()).Order());

        var result = Resolve(document, operation.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema"));
        Assert.Equal(decision.EnumerateObject().Select(p => p.Name).Order(), result.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("integer", result.GetProperty("properties").GetProperty("risk_score").GetProperty("type").GetString()); // not number-or-string
        var reasonCodes = Resolve(document, result.GetProperty("properties").GetProperty("reasons")).GetProperty("items").GetProperty("enum")
            .EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.NotEmpty(decision.GetProperty("reasons").EnumerateArray());
        Assert.All(decision.GetProperty("reasons").EnumerateArray(), reason => Assert.Contains(reason.GetString(), reasonCodes));
        var stepUp = Resolve(document, result.GetProperty("properties").GetProperty("step_up").GetProperty("oneOf")
            .EnumerateArray().Single(s => s.TryGetProperty("$ref", out _)));
        Assert.Equal(decision.GetProperty("step_up").EnumerateObject().Select(p => p.Name).Order(),
            stepUp.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public async Task The_reference_page_is_served_with_its_script_from_the_engine_itself()
    {
        using var page = await _anonymous.GetAsync("/docs/");
        var html = await page.Content.ReadAsStringAsync();
        var script = await _anonymous.GetAsync("/docs/scalar.js");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("openapi/v1.json", html);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode); // no CDN: works on a network without the internet
        Assert.True((await script.Content.ReadAsByteArrayAsync()).Length > 100_000);
    }

    private static JsonElement Resolve(JsonElement document, JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference)
            ? document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1])
            : schema;
}
