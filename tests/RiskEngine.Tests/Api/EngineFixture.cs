namespace RiskEngine.Tests.Api;

/// <summary>One embedded engine shared by a test class; tests keep apart by using their own user ids.</summary>
public sealed class EngineFixture : IAsyncLifetime
{
    public Engine Engine { get; } = new(new Dictionary<string, string?>
    {
        ["RiskEngine:Tenants:acme:ApiKeys:0:Key"] = AcmeDecideKey,
        ["RiskEngine:Tenants:acme:ApiKeys:0:Scopes"] = "decide",
        ["RiskEngine:Tenants:acme:ApiKeys:1:Key"] = AcmeAdminKey,
        ["RiskEngine:Tenants:acme:ApiKeys:1:Name"] = AcmeAdminName,
    });

    public const string AcmeDecideKey = "acme-decide-key-0123456789";
    public const string AcmeAdminKey = "acme-admin-key-0123456789";
    public const string AcmeAdminName = "acme risk team";

    public ValueTask InitializeAsync()
    {
        Engine.StartServer();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await Engine.DisposeAsync();
}
