namespace RiskEngine.Tests.Infrastructure;

public static class Sandbox
{
    /// <summary>What a person does on the sandbox page, through real HTTP and signed webhooks.</summary>
    public static async Task<StepUpSessionView> ChooseAsync(this Engine engine, StepUpInfo stepUp, string verdict)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, stepUp.SessionUrl)
        {
            Content = new FormUrlEncodedContent([new("verdict", verdict)]),
        };
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await engine.Client(apiKey: null).SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<StepUpSessionView>(Json.Options))!;
    }
}
