using Microsoft.Extensions.DependencyInjection;
using RiskEngine.Hosting;
using RiskEngine.Users;

namespace RiskEngine.Tests.Users;

/// <summary>
/// The deferred write of what a decision only touched (last-seen times) with durable state, when the store refuses
/// it: another activation of the user wrote the history meanwhile (a failover), or the store cannot be reached.
/// </summary>
public sealed class DeferredWriteTests : IAsyncDisposable
{
    private const string User = "u-deferred";
    private readonly Engine _engine;
    private InProcessGrainStorage _stored = null!;
    private InterferingStorage _storage = null!;

    public DeferredWriteTests()
    {
        _engine = new Engine(new Dictionary<string, string?> { ["RiskEngine:DeferredWriteDelay"] = "00:00:00" }, services: s =>
        {
            InterferingStorage.Replace(s, (storage, stored) => (_storage, _stored) = (storage, stored));
            s.PostConfigure<RiskEngineOptions>(o => o.DurableState = true); // write as with Redis, to the store above
        });
        _engine.StartServer();
    }

    public ValueTask DisposeAsync() => _engine.DisposeAsync();

    [Fact]
    public async Task A_deferred_write_that_meets_another_activations_history_drops_its_touches_and_takes_that_history()
    {
        // The other activation wrote the history as it stood after the first login.
        var touchedAt = await LearnThenTouchAsync(() => _storage.Interfere("profile", times: 1, id: User));
        await _storage.WrittenAsync(1).WaitAsync(TimeSpan.FromSeconds(30));
        var view = await ViewAsync();

        var network = Assert.Single(view.Networks);
        Assert.Equal(network.FirstSeen, network.LastSeen);
        Assert.InRange(view.LastLocation!.At, DateTime.MinValue, touchedAt.AddMinutes(-9));
    }

    [Fact]
    public async Task A_deferred_write_the_store_refuses_is_tried_again_until_it_is_stored()
    {
        var touchedAt = await LearnThenTouchAsync(() => _storage.Interfere("profile", times: 2, id: User, fail: true));
        await _storage.WrittenAsync(3).WaitAsync(TimeSpan.FromSeconds(30)); // two refused, then one more
        await ViewAsync();
        var state = new GrainState<UserProfile>();
        await _stored.ReadStateAsync("profile", _engine.Grains.GetGrain<IUserRiskGrain>(GrainKeys.For(RiskEngineOptionsSetup.DevTenant, User)).GetGrainId(), state);

        var network = Assert.Single(state.State!.View()!.Networks);
        Assert.InRange(network.LastSeen, touchedAt.AddMinutes(-1), touchedAt);
    }

    /// <summary>
    /// A new user's login (learned: written before the answer), then <paramref name="storeMeanwhile"/>, then ten minutes
    /// later the same phone on the same network, which only touches last-seen times: written after the answer, by a timer.
    /// </summary>
    private async Task<DateTime> LearnThenTouchAsync(Action storeMeanwhile)
    {
        var client = _engine.Client();
        var login = new { user_id = User, action = "login", device_id = "phone", ip = "2.125.160.216" };
        await client.DecideAsync(login);
        storeMeanwhile();
        _engine.Time.Advance(TimeSpan.FromMinutes(10));
        var touch = await client.DecideAsync(login);
        Assert.Equal(Outcome.Allow, touch.Outcome);
        return _engine.Time.GetUtcNow().UtcDateTime;
    }

    /// <summary>The user as their grain holds them; asked after the timer's turn, which a grain call cannot interleave.</summary>
    private async Task<UserView> ViewAsync() => (await _engine.Client().GetFromJsonAsync<UserView>($"/v1/users/{User}", Json.Options))!;
}
