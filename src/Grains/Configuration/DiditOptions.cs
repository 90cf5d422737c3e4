namespace RiskEngine.Configuration;

/// <summary>Didit settings (<c>RiskEngine__Didit__…</c>, or per tenant <c>RiskEngine__Tenants__{id}__Didit__…</c>).</summary>
public sealed class DiditOptions
{
    public const string DefaultBaseUrl = "https://verification.didit.me";

    /// <summary>Four fifths of Didit's rate limit (about 300 sessions a minute per key): the rest stays for known devices.</summary>
    public const int DefaultNewDeviceSessionsPerMinute = 240;

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

    /// <summary>
    /// Step-up sessions a tenant opens for devices their users are not known on, at most, within any minute; past it such
    /// a step-up is a block with <c>velocity</c>. Someone trying stolen credentials across many accounts would otherwise
    /// spend the key's rate limit, whose 429s open the circuit that step-ups from users' known devices need too.
    /// 0: no budget. <see cref="DefaultNewDeviceSessionsPerMinute"/> when unset.
    /// </summary>
    public int? NewDeviceSessionsPerMinute { get; set; }

    public int NewDeviceSessionBudget => NewDeviceSessionsPerMinute ?? DefaultNewDeviceSessionsPerMinute;

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
        NewDeviceSessionsPerMinute = NewDeviceSessionsPerMinute ?? defaults.NewDeviceSessionsPerMinute,
    };
}
