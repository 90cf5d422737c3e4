namespace RiskEngine.Tests.Infrastructure;

public static class DecisionClient
{
    public static Task<HttpResponseMessage> PostDecisionAsync(this HttpClient client, object body) =>
        client.PostAsJsonAsync("/v1/decisions", body, Json.Options);

    /// <summary>Posts a decision that must succeed and returns it.</summary>
    public static async Task<DecisionResult> DecideAsync(this HttpClient client, object body)
    {
        using var response = await client.PostDecisionAsync(body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<DecisionResult>(text, Json.Options)!;
    }

    /// <summary>The <c>errors</c> member of a validation problem: field name to messages.</summary>
    public static async Task<Dictionary<string, string[]>> ProblemErrorsAsync(this HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.TryGetProperty("errors", out var errors)
            ? errors.Deserialize<Dictionary<string, string[]>>()!
            : [];
    }
}
