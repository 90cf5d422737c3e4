namespace RiskEngine.Configuration;

/// <summary>Didit settings (<c>RiskEngine__Didit__…</c>, or per tenant <c>RiskEngine__Tenants__{id}__Didit__…</c>).</summary>
public sealed class DiditOptions
{
    public const string DefaultBaseUrl = "https://verification.didit.me";

    public string? BaseUrl { get; set; }

    /// <summary>Sent as <c>x-api-key</c>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>HMAC key of incoming webhooks.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>The secret before the last rotation, still accepted until removed.</summary>
    public string? WebhookSecretPrevious { get; set; }

    /// <summary>Workflow id per liveness method: keys <c>PASSIVE</c> and <c>ACTIVE_3D</c>.</summary>
    public Dictionary<string, string> Workflows { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Where Didit sends the user back after the check (Didit's <c>callback</c> field).</summary>
    public string? ReturnUrl { get; set; }

    /// <summary>These settings with every unset field taken from <paramref name="defaults"/>.</summary>
    public DiditOptions Over(DiditOptions defaults) => new()
    {
        BaseUrl = BaseUrl ?? defaults.BaseUrl,
        ApiKey = ApiKey ?? defaults.ApiKey,
        WebhookSecret = WebhookSecret ?? defaults.WebhookSecret,
        WebhookSecretPrevious = WebhookSecretPrevious ?? defaults.WebhookSecretPrevious,
        Workflows = new Dictionary<string, string>(defaults.Workflows.Concat(Workflows).GroupBy(w => w.Key, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.Last()), StringComparer.OrdinalIgnoreCase),
        ReturnUrl = ReturnUrl ?? defaults.ReturnUrl,
    };
}
