using System.Globalization;

namespace RiskEngine.Load.Cli;

public static class Durations
{
    /// <summary>"500ms", "30s", "2m", "1h", or plain seconds.</summary>
    public static TimeSpan Parse(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        var (number, unit) = t.EndsWith("ms") ? (t[..^2], 0.001) : t.EndsWith('s') ? (t[..^1], 1.0)
            : t.EndsWith('m') ? (t[..^1], 60.0) : t.EndsWith('h') ? (t[..^1], 3600.0) : (t, 1.0);
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0)
            throw new FormatException($"'{text}' is not a duration (e.g. 500ms, 30s, 2m)");
        return TimeSpan.FromSeconds(value * unit);
    }
}
