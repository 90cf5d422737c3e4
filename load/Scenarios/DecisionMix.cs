using System.Globalization;
using System.Text.Json;

namespace RiskEngine.Load.Scenarios;

/// <summary>
/// Each kind's share of the <c>decisions</c> scenario's calls. <see cref="Default"/> is this repository's load; a
/// platform models its own traffic with <c>RISKENGINE_LOAD_MIX</c>, weights by kind (<c>login=84,small_transfer=16</c>),
/// which become shares; a kind not named is not sent. What each kind costs the engine differs: the kinds that step up
/// most of all (BENCHMARKS.md, "Where the time goes").
/// </summary>
public sealed class DecisionMix
{
    public const string Variable = "RISKENGINE_LOAD_MIX";

    /// <summary>
    /// The engine steps up about 11 % of these calls (its riskengine_decisions_total, 40,000 calls from a cold start), as
    /// on a platform whose users mostly come back on what they know. The hottest users' new devices past their limit
    /// of new-device step-ups are blocked instead: about 2 % of the answers (<c>RATE=2000 DURATION=30 load/bench.sh</c>,
    /// whose last lines give the engine's counters).
    /// </summary>
    public static DecisionMix Default { get; } = new(
    [
        (DecisionKind.Login, 0.75),
        (DecisionKind.SmallTransfer, 0.14),
        (DecisionKind.LargeTransfer, 0.04),
        (DecisionKind.NewDevice, 0.03),
        (DecisionKind.NewDeviceAndNetwork, 0.02),
        (DecisionKind.SettingsChange, 0.015),
        (DecisionKind.AccountRecovery, 0.005),
    ]);

    private static readonly Dictionary<string, DecisionKind> Kinds = Enum.GetValues<DecisionKind>().ToDictionary(NameOf);

    private DecisionMix(IReadOnlyList<(DecisionKind Kind, double Share)> shares) => Shares = shares;

    /// <summary>The kinds sent, each with its share of the calls; the shares add up to one.</summary>
    public IReadOnlyList<(DecisionKind Kind, double Share)> Shares { get; }

    public DecisionKind Draw(Random random)
    {
        var roll = random.NextDouble();
        foreach (var (kind, share) in Shares)
            if ((roll -= share) < 0) return kind;
        return Shares[^1].Kind; // rounding left a sliver past the last share
    }

    /// <summary>Kind names as the variable writes them: the kind in snake case (<c>new_device_and_network</c>).</summary>
    public static string NameOf(DecisionKind kind) => JsonNamingPolicy.SnakeCaseLower.ConvertName(kind.ToString());

    /// <exception cref="FormatException">the text is not <c>kind=weight</c> pairs of known kinds with some weight; the message says which part.</exception>
    public static DecisionMix Parse(string text)
    {
        var weights = new List<(DecisionKind Kind, double Weight)>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var (name, value) = part.Split('=', StringSplitOptions.TrimEntries) is [var n, var v] ? (n, v)
                : throw new FormatException($"{Variable}: '{part}' is not kind=weight");
            if (!Kinds.TryGetValue(name, out var kind))
                throw new FormatException($"{Variable}: unknown kind '{name}' (kinds: {string.Join(", ", Kinds.Keys)})");
            if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var weight) || !double.IsFinite(weight) || weight < 0)
                throw new FormatException($"{Variable}: the weight of {name} must be a number of at least 0, not '{value}'");
            if (weights.Any(w => w.Kind == kind)) throw new FormatException($"{Variable}: {name} given twice");
            weights.Add((kind, weight));
        }
        var total = weights.Sum(w => w.Weight);
        if (total <= 0) throw new FormatException($"{Variable}: no kind has any weight");
        if (!double.IsFinite(total)) throw new FormatException($"{Variable}: the weights add up to more than a double holds");
        return new([.. weights.Where(w => w.Weight > 0).Select(w => (w.Kind, w.Weight / total))]);
    }

    /// <summary>As reports state it: <c>login 84 %, small_transfer 16 %</c>.</summary>
    public override string ToString() =>
        string.Join(", ", Shares.Select(s => string.Create(CultureInfo.InvariantCulture, $"{NameOf(s.Kind)} {s.Share * 100:0.#} %")));
}
