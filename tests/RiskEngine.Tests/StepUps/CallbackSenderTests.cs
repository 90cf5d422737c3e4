using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace RiskEngine.Tests.StepUps;

/// <summary>One callback attempt against a real HTTP listener (or none): what it reports back for the session's view.</summary>
public sealed class CallbackSenderTests
{
    private static readonly StepUpCallback Callback = new("evt_1", StepUpCallback.StatusChanged, DateTimeOffset.UnixEpoch,
        new StepUpCallbackData("s-1", "d-1", "u-1", StepUpMethod.Passive, SessionStatus.Approved));

    private static CallbackSender Sender(string? url) => new(
        new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>(),
        Options.Create(new RiskEngineOptions { Tenants = { ["acme"] = new TenantOptions { CallbackUrl = url, CallbackSecret = "secret" } } }),
        TimeProvider.System, NullLogger<CallbackSender>.Instance);

    [Fact]
    public async Task An_acknowledged_callback_reports_nothing_and_a_refused_one_its_status()
    {
        await using var platform = await FakeHttpServer.StartAsync(r => r.Json.GetProperty("event_id").GetString() == "evt_1" ? Results.StatusCode(503) : Results.Ok());

        Assert.Equal("HTTP 503", await Sender(platform.Url).SendAsync("acme", Callback));
        Assert.Null(await Sender(platform.Url).SendAsync("acme", Callback with { EventId = "evt_2" }));
    }

    [Fact]
    public async Task A_platform_not_listening_is_reported_as_a_connection_error()
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}/hooks";

        Assert.Equal("HttpRequestException (ConnectionError)", await Sender(url).SendAsync("acme", Callback));
    }

    [Fact]
    public async Task A_tenant_without_a_callback_url_has_nothing_to_deliver()
    {
        Assert.Null(await Sender(null).SendAsync("acme", Callback));
    }
}
