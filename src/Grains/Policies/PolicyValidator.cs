using System.Text.Json;
using RiskEngine.Users;

namespace RiskEngine.Policies;

/// <summary>
/// Validates a whole policy document and names every bad field, by its JSON path, in one pass.
/// A policy that passes covers every score with exactly one band and has ordered thresholds.
/// </summary>
public static class PolicyValidator
{
    private static readonly string KnownSignals = string.Join(", ", SignalWeights.Signals.Select(ReasonCodes.Name));

    public static Dictionary<string, string[]> Validate(Policy policy)
    {
        var errors = new Errors();
        Unknown(errors, "", policy.Unknown, "field");
        Weights(errors, policy.Weights);
        Bands(errors, policy.Bands);
        Unknown(errors, "floors.", policy.Floors.Unknown, "action");
        Thresholds(errors, policy.Thresholds);
        Fallback(errors, policy.OnProviderUnavailable);
        return errors.ToDictionary();
    }

    private static void Weights(Errors errors, SignalWeights weights)
    {
        foreach (var signal in SignalWeights.Signals)
        {
            var weight = weights.Of(signal);
            if (weight is < 0 or > RiskEvaluator.MaxScore)
                errors.Add($"weights.{ReasonCodes.Name(signal)}", $"must be between 0 and {RiskEvaluator.MaxScore}, was {weight}");
        }
        foreach (var name in weights.Unknown?.Keys ?? Enumerable.Empty<string>())
            errors.Add($"weights.{name}", $"unknown signal '{name}'; signals are: {KnownSignals}");
    }

    private static void Bands(Errors errors, ScoreBand[] bands)
    {
        if (bands.Length == 0)
        {
            errors.Add("bands", $"must cover scores 0 to {RiskEvaluator.MaxScore}");
            return;
        }
        var expectedMin = 0;
        for (var i = 0; i < bands.Length; i++)
        {
            var band = bands[i];
            var path = $"bands[{i}]";
            if (band.Min > band.Max) errors.Add(path, $"min ({band.Min}) is above max ({band.Max})");
            if (band.Min < expectedMin) errors.Add(path, $"overlaps the band before it: starts at {band.Min}, expected {expectedMin}");
            else if (band.Min > expectedMin) errors.Add(path, $"leaves a gap: scores {expectedMin} to {band.Min - 1} have no band");
            if (band.Outcome == Outcome.StepUp && band.Method is null) errors.Add($"{path}.method", "a step_up band needs a method (PASSIVE or ACTIVE_3D)");
            if (band.Outcome != Outcome.StepUp && band.Method is not null) errors.Add($"{path}.method", "only a step_up band has a method");
            expectedMin = Math.Max(expectedMin, band.Max + 1);
        }
        if (bands[^1].Max != RiskEvaluator.MaxScore)
            errors.Add($"bands[{bands.Length - 1}].max", $"the last band must end at {RiskEvaluator.MaxScore}");
    }

    private static void Thresholds(Errors errors, PolicyThresholds t)
    {
        const string p = "thresholds.";
        Unknown(errors, p, t.Unknown, "threshold");
        Amounts(errors, p + "high_value_txn", t.HighValueTxn);
        Amounts(errors, p + "very_high_value_txn", t.VeryHighValueTxn);
        Amounts(errors, p + "velocity_max_amount_24h", t.VelocityMaxAmount24H);

        var currencies = new[] { t.HighValueTxn, t.VeryHighValueTxn }
            .SelectMany(a => a.Currencies?.Keys ?? Enumerable.Empty<string>()).Distinct().Prepend(null);
        foreach (var currency in currencies)
        {
            decimal high = t.HighValueTxn.For(currency), veryHigh = t.VeryHighValueTxn.For(currency);
            if (veryHigh <= high)
                errors.Add(p + "very_high_value_txn" + (currency is null ? ".default" : $".currencies.{currency}"),
                    $"must be above high_value_txn ({high}), was {veryHigh}");
        }

        Range(errors, p + "velocity_max_actions_per_minute", t.VelocityMaxActionsPerMinute, 1, HistoryLimits.RecentActions - 1);
        if (t.ImpossibleTravelKmh <= 0) errors.Add(p + "impossible_travel_kmh", "must be above 0");
        if (t.ImpossibleTravelMinKm < 0) errors.Add(p + "impossible_travel_min_km", "must not be negative");
        // Bounded above so that a mean transfer times the factor cannot overflow.
        if (t.AmountAnomalyFactor is <= 1 or > 1000) errors.Add(p + "amount_anomaly_factor", $"must be above 1 and at most 1000, was {t.AmountAnomalyFactor}");
        Range(errors, p + "amount_anomaly_min_transfers", t.AmountAnomalyMinTransfers, 1, 1000);
        Range(errors, p + "recent_step_up_seconds", t.RecentStepUpSeconds, 0, 86_400);
        Range(errors, p + "lock_after_declines", t.LockAfterDeclines, 1, HistoryLimits.Declines);
        Range(errors, p + "lock_window_hours", t.LockWindowHours, 1, 720);
        // Counted among the user's newest step-ups, which the history bounds.
        Range(errors, p + "new_device_step_up_limit", t.NewDeviceStepUpLimit, 1, HistoryLimits.PendingStepUps);
        Range(errors, p + "new_device_step_up_window_minutes", t.NewDeviceStepUpWindowMinutes, 1, 1440);
    }

    private static void Amounts(Errors errors, string path, CurrencyAmounts amounts)
    {
        Unknown(errors, path + ".", amounts.Unknown, "field");
        if (amounts.Default <= 0) errors.Add(path + ".default", $"must be above 0, was {amounts.Default}");
        foreach (var (currency, amount) in amounts.Currencies ?? [])
        {
            if (!Iso4217.IsValid(currency)) errors.Add($"{path}.currencies.{currency}", "not an ISO 4217 currency code");
            if (amount <= 0) errors.Add($"{path}.currencies.{currency}", $"must be above 0, was {amount}");
        }
    }

    private static void Fallback(Errors errors, ProviderFallback fallback)
    {
        Unknown(errors, "on_provider_unavailable.", fallback.Unknown, "method");
        if (fallback.Passive == Outcome.StepUp) errors.Add("on_provider_unavailable.passive", "must be allow or block");
        if (fallback.Active3D == Outcome.StepUp) errors.Add("on_provider_unavailable.active_3d", "must be allow or block");
    }

    private static void Range(Errors errors, string path, int value, int min, int max)
    {
        if (value < min || value > max) errors.Add(path, $"must be between {min} and {max}, was {value}");
    }

    private static void Unknown(Errors errors, string prefix, Dictionary<string, JsonElement>? unknown, string what)
    {
        foreach (var name in unknown?.Keys ?? Enumerable.Empty<string>())
            errors.Add(prefix + name, $"unknown {what}");
    }

    private sealed class Errors
    {
        private readonly Dictionary<string, List<string>> _byField = [];

        public void Add(string field, string message)
        {
            if (!_byField.TryGetValue(field, out var messages)) _byField[field] = messages = [];
            messages.Add(message);
        }

        public Dictionary<string, string[]> ToDictionary() => _byField.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }
}
