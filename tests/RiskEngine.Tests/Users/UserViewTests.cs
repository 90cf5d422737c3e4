using RiskEngine.Tests.Api;

namespace RiskEngine.Tests.Users;

/// <summary><c>GET /v1/users/{user_id}</c>: what support staff and a data-subject access request see of a user.</summary>
public sealed class UserViewTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private readonly HttpClient _client = fixture.Engine.Client();

    private static string NewUser() => "user-" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task A_user_shows_what_the_engine_learned_of_them()
    {
        var user = NewUser();
        await _client.DecideAsync(new { user_id = user, action = "login", device_id = "phone", ip = "2.125.160.216" });
        await _client.DecideAsync(new { user_id = user, action = "transfer", device_id = "phone", ip = "2.125.160.216", amount = 120.50, currency = "EUR" });

        var view = await _client.GetFromJsonAsync<JsonElement>($"/v1/users/{user}");

        Assert.Equal(["asns", "countries", "declines_since_approval", "known_devices", "last_location", "locked", "networks",
            "new_devices_held_until", "pending_step_ups", "step_up_sessions", "transfers", "unlocked_at", "unlocked_by"], view.EnumerateObject().Select(p => p.Name).Order());
        Assert.False(view.GetProperty("locked").GetBoolean());
        Assert.Equal(1, view.GetProperty("known_devices").GetInt32());
        Assert.Equal(["2.125.160.0/24"], view.GetProperty("networks").EnumerateArray().Select(n => n.GetProperty("value").GetString()));
        Assert.Equal(["GB"], view.GetProperty("countries").EnumerateArray().Select(c => c.GetProperty("value").GetString()));
        var transfer = Assert.Single(view.GetProperty("transfers").EnumerateArray());
        Assert.Equal(("EUR", 1, 120.50m), (transfer.GetProperty("currency").GetString(), transfer.GetProperty("count").GetInt32(),
            transfer.GetProperty("mean").GetDecimal()));
        Assert.Equal(JsonValueKind.Number, view.GetProperty("last_location").GetProperty("latitude").ValueKind);
        Assert.Empty(view.GetProperty("step_up_sessions").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, view.GetProperty("unlocked_at").ValueKind); // never unlocked by an operator
        Assert.Equal(JsonValueKind.Null, view.GetProperty("new_devices_held_until").ValueKind);
    }

    [Fact]
    public async Task A_user_the_engine_never_saw_or_of_another_tenant_is_not_found_and_a_bad_id_is_named()
    {
        var user = NewUser();
        await _client.DecideAsync(new { user_id = user, action = "login", device_id = "phone", ip = "2.125.160.216" });

        using var unknown = await _client.GetAsync($"/v1/users/{NewUser()}");
        using var otherTenant = await fixture.Engine.Client(EngineFixture.AcmeAdminKey).GetAsync($"/v1/users/{user}");
        using var tooLong = await _client.GetAsync($"/v1/users/{new string('u', 129)}");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, otherTenant.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.True((await tooLong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("user_id", out _));
    }
}
