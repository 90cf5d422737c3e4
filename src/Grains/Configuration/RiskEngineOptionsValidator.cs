using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace RiskEngine.Configuration;

/// <summary>Checks the whole configuration at start, naming every bad setting by its environment name.</summary>
public sealed partial class RiskEngineOptionsValidator : IValidateOptions<RiskEngineOptions>
{
    private const int MinKeyLength = 16;

    /// <summary>Far beyond a face check the user does at once, and within what the reminders and dates can carry.</summary>
    private static readonly TimeSpan MaxSessionTtl = TimeSpan.FromDays(7);

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,62}$")]
    private static partial Regex TenantId();

    public ValidateOptionsResult Validate(string? name, RiskEngineOptions options)
    {
        var errors = new List<string>();
        const string p = "RiskEngine__";

        if (!IsHttpUrl(options.PublicBaseUrl))
            errors.Add($"{p}PublicBaseUrl must be an absolute http(s) URL, was '{options.PublicBaseUrl}'");
        if (options.StepUpSessionTtl <= TimeSpan.Zero || options.StepUpSessionTtl > MaxSessionTtl)
            errors.Add($"{p}StepUpSessionTtl must be positive and at most {MaxSessionTtl:%d} days, was {options.StepUpSessionTtl}");
        if (options.PrometheusPort is < 1 or > 65535)
            errors.Add($"{p}PrometheusPort must be a TCP port (1 to 65535), was {options.PrometheusPort}");
        // A grain timer's due time: never negative, and a crash loses up to this much of users' last-seen times.
        if (options.DeferredWriteDelay < TimeSpan.Zero || options.DeferredWriteDelay > TimeSpan.FromDays(1))
            errors.Add($"{p}DeferredWriteDelay must be between 00:00:00 and 1.00:00:00, was {options.DeferredWriteDelay}");

        RateLimit(errors, $"{p}RateLimit__", options.RateLimit);
        // A key names one tenant and one set of scopes: a key given twice would silently be only one of them.
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, tenant) in options.Tenants)
        {
            var t = $"{p}Tenants__{id}__";
            if (tenant.RateLimit is { } limit) RateLimit(errors, t + "RateLimit__", limit);
            if (!TenantId().IsMatch(id))
                errors.Add($"{p}Tenants__{id}: a tenant id is 1 to 63 of a-z, 0-9, '_' and '-', starting with a letter or digit");
            for (var i = 0; i < tenant.ApiKeys.Count; i++)
            {
                var key = tenant.ApiKeys[i];
                if (key.Key.Length < MinKeyLength) errors.Add($"{t}ApiKeys__{i}__Key must be at least {MinKeyLength} characters");
                if (!ApiScopeNames.TryParse(key.Scopes, out _)) errors.Add($"{t}ApiKeys__{i}__Scopes may only name decide and admin");
                // The dev key is the dev tenant's last (RiskEngineOptionsSetup adds it): named as it was set.
                var setting = id == RiskEngineOptionsSetup.DevTenant && i == tenant.ApiKeys.Count - 1 ? $"{p}DevApiKey" : $"{t}ApiKeys__{i}__Key";
                if (!keys.TryAdd(key.Key, setting)) errors.Add($"{setting} is the key of {keys[key.Key]} too: every API key must be different");
            }
            if (tenant.CallbackUrl is not null)
            {
                if (!IsHttpUrl(tenant.CallbackUrl))
                    errors.Add($"{t}CallbackUrl must be an absolute http(s) URL");
                if (string.IsNullOrEmpty(tenant.CallbackSecret))
                    errors.Add($"{t}CallbackSecret is required with a CallbackUrl: callbacks are always signed");
                else if (tenant.CallbackSecret.Length < MinKeyLength)
                    errors.Add($"{t}CallbackSecret must be at least {MinKeyLength} characters: it is all that proves a callback came from the engine");
            }
            if (tenant.Didit?.NewDeviceSessionsPerMinute < 0) errors.Add($"{t}Didit__NewDeviceSessionsPerMinute must be 0 (no budget) or more");
            if (options.Provider == ProviderKind.Didit && tenant.Didit is not null) Didit(errors, t + "Didit__", options.DiditFor(id));
        }
        if (options.Didit.NewDeviceSessionsPerMinute < 0) errors.Add($"{p}Didit__NewDeviceSessionsPerMinute must be 0 (no budget) or more");
        // Tenants without their own Didit section use the global one: check it once, under its own names.
        if (options.Provider == ProviderKind.Didit && options.Tenants.Values.Any(t => t.Didit is null)) Didit(errors, p + "Didit__", options.Didit);

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void RateLimit(List<string> errors, string prefix, RateLimitOptions limit)
    {
        if (limit.RequestsPerSecond < 0) errors.Add($"{prefix}RequestsPerSecond must be 0 (no limit) or more");
        if (limit.Burst < 1) errors.Add($"{prefix}Burst must be at least 1");
    }

    private static void Didit(List<string> errors, string prefix, DiditOptions didit)
    {
        if (!IsHttpUrl(didit.BaseUrl ?? DiditOptions.DefaultBaseUrl)) errors.Add($"{prefix}BaseUrl must be an absolute http(s) URL");
        if (didit.ReturnUrl is not null && !IsHttpUrl(didit.ReturnUrl))
            errors.Add($"{prefix}ReturnUrl must be an absolute http(s) URL: Didit sends the user's browser there");
        if (string.IsNullOrEmpty(didit.ApiKey)) errors.Add($"{prefix}ApiKey is required with RiskEngine__Provider=Didit");
        if (string.IsNullOrEmpty(didit.WebhookSecret)) errors.Add($"{prefix}WebhookSecret is required with RiskEngine__Provider=Didit");
        foreach (var method in new[] { "PASSIVE", "ACTIVE_3D" })
            if (!didit.Workflows.TryGetValue(method, out var workflow) || string.IsNullOrEmpty(workflow))
                errors.Add($"{prefix}Workflows__{method} is required with RiskEngine__Provider=Didit");
    }

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}
