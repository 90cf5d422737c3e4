namespace RiskEngine.Tests.StepUps;

/// <summary>
/// An engine (sandbox provider) whose tenant <c>acme</c> sends its callbacks to a fake platform on loopback.
/// Tests keep apart by their own user ids and take only the callbacks of their own sessions.
/// </summary>
public sealed class StepUpFixture : IAsyncLifetime
{
    public const string Tenant = "acme";
    public const string ApiKey = "acme-key-0123456789abcdef";
    public const string KeyName = "support-desk";
    public const string WebhookSecret = "acme-webhook-secret";
    public const string PreviousWebhookSecret = "acme-previous-secret";
    public const string CallbackSecret = "acme-callback-secret";

    public FakeHttpServer Platform { get; private set; } = null!;
    public Engine Engine { get; private set; } = null!;
    public CallbackInbox Callbacks { get; private set; } = null!;

    public static Dictionary<string, string?> Settings(string platformUrl) => new()
    {
        [$"RiskEngine:Tenants:{Tenant}:ApiKeys:0:Key"] = ApiKey,
        [$"RiskEngine:Tenants:{Tenant}:ApiKeys:0:Name"] = KeyName,
        [$"RiskEngine:Tenants:{Tenant}:CallbackUrl"] = platformUrl + "/hooks/riskengine",
        [$"RiskEngine:Tenants:{Tenant}:CallbackSecret"] = CallbackSecret,
        [$"RiskEngine:Tenants:{Tenant}:Didit:WebhookSecret"] = WebhookSecret,
        [$"RiskEngine:Tenants:{Tenant}:Didit:WebhookSecretPrevious"] = PreviousWebhookSecret,
    };

    public async ValueTask InitializeAsync()
    {
        Platform = await FakeHttpServer.StartAsync();
        Callbacks = new CallbackInbox(Platform);
        Engine = new Engine(Settings(Platform.Url));
        Engine.StartServer();
    }

    public async ValueTask DisposeAsync()
    {
        await Engine.DisposeAsync();
        await Platform.DisposeAsync();
    }
}
