using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;

namespace RiskEngine.Api.Decisions;

/// <summary>SPEC's input rules for a decision, every bad field named with what is wrong with it.</summary>
public static class DecisionRequestValidator
{
    public const int MaxUserIdLength = 128;
    public const int MaxDeviceIdLength = 256;
    public const int MaxIdempotencyKeyLength = 255;
    public const int MaxUserAgentLength = 1024;
    public const int MaxPortraitBytes = 1024 * 1024;

    /// <summary>10^18: far above any real transfer in any currency, and low enough that a day's sums and means cannot overflow.</summary>
    public const decimal MaxAmount = 1_000_000_000_000_000_000m;

    /// <summary>Clock skew tolerated for <c>occurred_at</c> in the future.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>How far back <c>occurred_at</c> may go: enough to import a year of history, and every window stays a date.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(366);

    private static readonly string Actions = "login, transfer, settings_change, account_recovery";

    /// <summary>Null when valid (and <paramref name="request"/> is set); otherwise the errors by field.</summary>
    public static Dictionary<string, string[]>? Validate(DecisionRequestBody body, DateTimeOffset now, out DecisionRequest? request)
    {
        request = null;
        Dictionary<string, string[]>? errors = null;
        void Error(string field, string message) => (errors ??= [])[field] = [message];

        Text(body.UserId, "user_id", MaxUserIdLength, required: true, Error);
        Text(body.DeviceId, "device_id", MaxDeviceIdLength, required: true, Error);
        Text(body.IdempotencyKey, "idempotency_key", MaxIdempotencyKeyLength, required: false, Error);
        Text(body.UserAgent, "user_agent", MaxUserAgentLength, required: false, Error);

        UserAction? action = body.Action switch
        {
            "login" => UserAction.Login,
            "transfer" => UserAction.Transfer,
            "settings_change" => UserAction.SettingsChange,
            "account_recovery" => UserAction.AccountRecovery,
            _ => null,
        };
        if (action is null) Error("action", body.Action is null ? $"required: one of {Actions}" : $"unknown action '{body.Action}': one of {Actions}");

        var ip = body.Ip is null ? null : ParseIp(body.Ip);
        if (ip is null) Error("ip", body.Ip is null ? "required" : $"'{body.Ip}' is not an IPv4 or IPv6 address");

        if (body.Amount < 0) Error("amount", "must not be negative");
        else if (body.Amount > MaxAmount) Error("amount", $"at most {MaxAmount}");
        else if (action == UserAction.Transfer && body.Amount is null) Error("amount", "required for a transfer");

        if (body.Currency is not null && !Iso4217.IsValid(body.Currency)) Error("currency", $"'{body.Currency}' is not an ISO 4217 currency code (e.g. EUR)");
        else if (action == UserAction.Transfer && body.Currency is null) Error("currency", "required for a transfer");

        if (body.OccurredAt > now + MaxClockSkew) Error("occurred_at", "must not be in the future");
        else if (body.OccurredAt < now - MaxAge) Error("occurred_at", "must not be more than a year in the past");

        if (body.PortraitImage is not null)
        {
            if (!Base64.IsValid(body.PortraitImage, out var bytes) || bytes == 0) Error("portrait_image", "must be a base64-encoded image");
            else if (bytes > MaxPortraitBytes) Error("portrait_image", $"decodes to {bytes} bytes; at most {MaxPortraitBytes} (1 MB)");
        }

        if (errors is not null) return errors;
        request = new DecisionRequest(action!.Value, body.DeviceId!, ip!, body.Amount, body.Currency,
            body.OccurredAt ?? now, body.IdempotencyKey, body.PortraitImage, body.UserAgent);
        return null;
    }

    private static void Text(string? value, string field, int maxLength, bool required, Action<string, string> error)
    {
        if (value is null)
        {
            if (required) error(field, "required");
        }
        else if (string.IsNullOrWhiteSpace(value)) error(field, "must not be blank");
        else if (value.Length > maxLength) error(field, $"at most {maxLength} characters, was {value.Length}");
        else if (value.AsSpan().ContainsAnyInRange('\0', '\u001f')) error(field, "must not contain control characters");
    }

    /// <summary>Dotted-quad IPv4 or IPv6 without a zone; rejects the shorthand forms IPAddress.Parse also accepts ("1", "1.2.3", "0x7f.1").</summary>
    private static IPAddress? ParseIp(string text)
    {
        if (!IPAddress.TryParse(text, out var ip)) return null;
        return ip.AddressFamily switch
        {
            AddressFamily.InterNetwork when text.Count(c => c == '.') == 3 && !text.AsSpan().ContainsAnyExcept("0123456789.") => ip,
            AddressFamily.InterNetworkV6 when !text.Contains('%') => ip,
            _ => null,
        };
    }
}
