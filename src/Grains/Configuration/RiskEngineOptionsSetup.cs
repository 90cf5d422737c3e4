using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace RiskEngine.Configuration;

/// <summary>
/// Fills what the configuration left to be derived: the dev tenant and its key, the public base URL
/// (from ASPNETCORE_URLS), and a sandbox webhook secret.
/// </summary>
public sealed class RiskEngineOptionsSetup(IConfiguration configuration) : IPostConfigureOptions<RiskEngineOptions>
{
    public const string DevTenant = "dev";
    public const string DefaultUrl = "http://localhost:5080";

    /// <summary>True when no <c>RiskEngine__DevApiKey</c> was given and a random one was made.</summary>
    public bool DevApiKeyGenerated { get; private set; }

    public void PostConfigure(string? name, RiskEngineOptions options)
    {
        if (string.IsNullOrEmpty(options.DevApiKey))
        {
            options.DevApiKey = "dev_" + RandomToken();
            DevApiKeyGenerated = true;
        }
        if (!options.Tenants.TryGetValue(DevTenant, out var dev)) options.Tenants[DevTenant] = dev = new TenantOptions();
        dev.ApiKeys.Add(new ApiKeyOptions { Key = options.DevApiKey });

        options.PublicBaseUrl ??= PublicUrlFrom(configuration["urls"]);

        options.DurableState = !string.IsNullOrWhiteSpace(configuration.GetConnectionString("Redis"));

        // The sandbox signs its own webhooks; without a configured secret, one per process does.
        if (options.Provider == ProviderKind.Sandbox && string.IsNullOrEmpty(options.Didit.WebhookSecret))
            options.Didit.WebhookSecret = RandomToken();
    }

    private static string RandomToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    private static string PublicUrlFrom(string? urls)
    {
        var first = urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (first is null) return DefaultUrl;
        // A wildcard listener is reached from this machine as localhost.
        foreach (var wildcard in new[] { "://*", "://+", "://0.0.0.0", "://[::]" })
            first = first.Replace(wildcard, "://localhost");
        return first.TrimEnd('/');
    }
}
