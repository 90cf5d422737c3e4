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
            ["RiskEngine:Tenants:Bad Tenant!:ApiKeys:0:Key"] = "short",
            ["RiskEngine:Tenants:acme:ApiKeys:0:Key"] = "acme-key-0123456789abcdef",
            ["RiskEngine:Tenants:acme:ApiKeys:0:Scopes"] = "decide,superuser",
            ["RiskEngine:Tenants:acme:CallbackUrl"] = "https://platform.example/hooks",
        });

        var error = Assert.Throws<OptionsValidationException>(engine.StartServer);

        Assert.Contains(error.Failures, f => f.StartsWith("RiskEngine__Tenants__Bad Tenant!:"));
        Assert.Contains(error.Failures, f => f.StartsWith("RiskEngine__Tenants__Bad Tenant!__ApiKeys__0__Key"));
        Assert.Contains(error.Failures, f => f.StartsWith("RiskEngine__Tenants__acme__ApiKeys__0__Scopes"));
        Assert.Contains(error.Failures, f => f.StartsWith("RiskEngine__Tenants__acme__CallbackSecret"));
        Assert.Contains(error.Failures, f => f.StartsWith("RiskEngine__Didit__ApiKey"));
        Assert.Contains(error.Failures, f => f.StartsWith("RiskEngine__Didit__Workflows__ACTIVE_3D"));
    }
}
