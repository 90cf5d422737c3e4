using Microsoft.Extensions.Options;

namespace RiskEngine.Tests.Configuration;

public sealed class StartupValidationTests
{
    [Fact]
    public async Task An_invalid_configuration_stops_the_start_naming_every_problem()
    {
        await using var engine = new Engine(new Dictionary<string, string?>
        {
            ["RiskEngine:Provider"] = "Didit",
            ["RiskEngine:Didit:ReturnUrl"] = "/after-the-check",
            ["RiskEngine:PrometheusPort"] = "70000",
            ["RiskEngine:Tenants:Bad Tenant!:ApiKeys:0:Key"] = "short",
            ["RiskEngine:Tenants:acme:ApiKeys:0:Key"] = "acme-key-0123456789abcdef",
            ["RiskEngine:Tenants:acme:ApiKeys:0:Scopes"] = "decide,superuser",
            ["RiskEngine:Tenants:acme:CallbackUrl"] = "https://platform.example/hooks",
            ["RiskEngine:Tenants:gamma:ApiKeys:0:Key"] = "gamma-key-0123456789abcdef",
            ["RiskEngine:Tenants:gamma:CallbackUrl"] = "https://gamma.example/hooks",
            ["RiskEngine:Tenants:gamma:CallbackSecret"] = "short",
            ["RiskEngine:Tenants:gamma:Didit:NewDeviceSessionsPerMinute"] = "-1",
            ["RiskEngine:Didit:NewDeviceSessionsPerMinute"] = "-5",
        });

        var error = Assert.Throws<OptionsValidationException>(engine.StartServer);

        Assert.Contains(error.Failures, f => f.StartsWith("RiskEngine__Tenants__Bad Tenant!:"));
        Assert.Contains(error.Failures, f => f.StartsWith("RiskEngine__Tenants__Bad Tenant!__ApiKeys__0__Key"));
        Assert.Contains(error.Failures, f => f.StartsWith("RiskEngine__Tenants__acme__ApiKeys__0__Scopes"));
        Assert.Contains(error.Failures, f => f.StartsWith("RiskEngine__Tenants__acme__CallbackSecret"));
        Assert.Contains(error.Failures, f => f.StartsWith("RiskEngine__Tenants__gamma__CallbackSecret must be at least 16"));
        Assert.Contains(error.Failures, f => f.StartsWith("RiskEngine__Didit__ApiKey"));
        Assert.Contains(error.Failures, f => f.StartsWith("RiskEngine__Didit__Workflows__ACTIVE_3D"));
        Assert.Contains(error.Failures, f => f.StartsWith("RiskEngine__Didit__ReturnUrl must be an absolute"));
        Assert.Contains(error.Failures, f => f.StartsWith("RiskEngine__PrometheusPort must be a TCP port"));
        Assert.Contains(error.Failures, f => f.StartsWith("RiskEngine__Didit__NewDeviceSessionsPerMinute must be 0 (no budget) or more"));
        Assert.Contains(error.Failures, f => f.StartsWith("RiskEngine__Tenants__gamma__Didit__NewDeviceSessionsPerMinute must be 0"));
    }

    [Fact]
    public async Task A_key_given_twice_stops_the_start_naming_both_settings_but_not_the_key()
    {
        const string Shared = "shared-key-0123456789abcdef";
        await using var engine = new Engine(new Dictionary<string, string?>
        {
            ["RiskEngine:DevApiKey"] = Shared,
            ["RiskEngine:Tenants:acme:ApiKeys:0:Key"] = Shared,
            ["RiskEngine:Tenants:beta:ApiKeys:0:Key"] = "beta-key-0123456789abcdef",
            ["RiskEngine:Tenants:beta:ApiKeys:1:Key"] = "beta-key-0123456789abcdef",
            ["RiskEngine:Tenants:beta:ApiKeys:1:Scopes"] = "decide",
        });

        var error = Assert.Throws<OptionsValidationException>(engine.StartServer);

        Assert.Equal(2, error.Failures.Count());
        Assert.Contains(error.Failures, f => f.Contains("RiskEngine__DevApiKey") && f.Contains("RiskEngine__Tenants__acme__ApiKeys__0__Key"));
        Assert.Contains(error.Failures, f => f.StartsWith("RiskEngine__Tenants__beta__ApiKeys__1__Key is the key of RiskEngine__Tenants__beta__ApiKeys__0__Key"));
        Assert.DoesNotContain(error.Failures, f => f.Contains(Shared) || f.Contains("beta-key"));
    }

    [Theory]
    [InlineData("-00:00:01")]
    [InlineData("100.00:00:00")] // with Redis, both made every decision after a user's first answer 500 (the timer refused it)
    public async Task A_deferred_write_delay_below_zero_or_beyond_a_day_stops_the_start(string delay)
    {
        await using var engine = new Engine(new Dictionary<string, string?> { ["RiskEngine:DeferredWriteDelay"] = delay });

        var error = Assert.Throws<OptionsValidationException>(engine.StartServer);

        Assert.StartsWith("RiskEngine__DeferredWriteDelay must be between 00:00:00 and 1.00:00:00", Assert.Single(error.Failures));
    }
}
