using System.Text;

namespace RiskEngine.Tests.Policies;

/// <summary>A conditional policy save while another activation writes the policy too (a failover that is not over).</summary>
public sealed class PolicyWriteConflictTests
{
    [Fact]
    public async Task A_save_on_top_of_a_version_that_meets_a_write_conflict_is_checked_again_and_saved_once()
    {
        InterferingStorage storage = null!;
        await using var engine = new Engine(services: s => InterferingStorage.Replace(s, (i, _) => storage = i));
        engine.StartServer();
        using var request = new HttpRequestMessage(HttpMethod.Put, "/v1/policy")
        {
            Content = new StringContent("""{"weights":{"new_device":45}}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", "\"0\"");

        storage.Interfere("policy", times: 1);
        using var response = await engine.Client().SendAsync(request);
        var current = await engine.Client().GetFromJsonAsync<Policy>("/v1/policy", Json.Options);

        Assert.Equal((HttpStatusCode.OK, 2), (response.StatusCode, storage.Writes));
        Assert.Equal((1, 45), (current!.Version, current.Weights.NewDevice));
    }
}
