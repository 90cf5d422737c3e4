using System.Globalization;
using RiskEngine.Load.Harness;
using RiskEngine.Load.Scenarios;

namespace RiskEngine.Load.Cli;

/// <summary>
/// <c>run &lt;scenario&gt; --target URL --api-key KEY [--rate N] [--duration 30s] [--warmup 5s] [--users N] [--threshold "p99&lt;10ms"]… [--out DIR]</c>
/// and <c>bench --target URL --api-key KEY [--duration 20s] [--out DIR]</c>. The webhook secret of the
/// tenant (default <c>dev</c>, or <c>RISKENGINE_LOAD_TENANT</c>) comes from <c>RiskEngine__Didit__WebhookSecret</c>;
/// the <c>decisions</c> mix from <c>RISKENGINE_LOAD_MIX</c> (<see cref="DecisionMix"/>).
/// </summary>
public static class CommandLine
{
    public const string Usage = """
        usage:
          run <scenario> --target URL --api-key KEY [--rate N] [--duration 30s] [--warmup 5s] [--users N] [--threshold "p99<10ms"]... [--out DIR]
              scenarios: baseline, decisions, stepup, webhooks; --rate is calls per second (open model), default 100
          bench --target URL --api-key KEY [--duration 20s] [--out DIR]
          chaos --target URL --api-key KEY [--rate 100] [--duration 40s]   (load/chaos.sh runs it around a silo kill)
        environment: RiskEngine__Didit__WebhookSecret (stepup, webhooks, chaos), RISKENGINE_LOAD_TENANT (default dev),
          RISKENGINE_LOAD_MIX: the decisions' kinds by weight, e.g. login=84,small_transfer=16 (default: the mix in load/README.md)
        """;

    private const string WebhookSecretVariable = "RiskEngine__Didit__WebhookSecret";

    public static readonly string[] Scenarios = [BaselineScenario.Name, DecisionsScenario.Name, StepUpScenario.Name, WebhooksScenario.Name];

    /// <param name="environment">reads an environment variable; the process's own unless given.</param>
    /// <exception cref="FormatException">the arguments are not a valid command; the message says why.</exception>
    public static object Parse(string[] args, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        if (args.Length == 0) throw new FormatException("no command");
        var (positional, options, thresholds) = Split(args[1..]);
        var now = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var target = new ScenarioOptions(
            Uri.TryCreate(Required(options, "target"), UriKind.Absolute, out var uri) ? uri : throw new FormatException("--target must be an absolute URL"),
            Required(options, "api-key"),
            options.TryGetValue("users", out var users) ? Positive(users, "--users") : 10_000,
            environment("RISKENGINE_LOAD_TENANT") is { Length: > 0 } tenant ? tenant : "dev",
            environment(WebhookSecretVariable) is { Length: > 0 } secret ? secret : null);
        if (environment(DecisionMix.Variable) is { Length: > 0 } mix) target = target with { Mix = DecisionMix.Parse(mix) };

        switch (args[0])
        {
            case "run":
                if (positional.Count != 1 || !Scenarios.Contains(positional[0]))
                    throw new FormatException($"run needs one scenario: {string.Join(", ", Scenarios)}");
                Only(options, "target", "api-key", "rate", "duration", "warmup", "users", "out");
                if (positional[0] is StepUpScenario.Name or WebhooksScenario.Name) SignsWebhooks(positional[0], target);
                return new RunOptions(positional[0], target,
                    options.TryGetValue("rate", out var rate) ? Positive(rate, "--rate") : 100,
                    Durations.Parse(options.GetValueOrDefault("duration", "30s")),
                    Durations.Parse(options.GetValueOrDefault("warmup", "5s")),
                    [.. thresholds.Select(Threshold.Parse)],
                    options.GetValueOrDefault("out", Path.Combine("out", $"{positional[0]}-{now}")));
            case "bench":
                if (positional.Count != 0 || thresholds.Count != 0) throw new FormatException("bench takes no scenario and no threshold");
                Only(options, "target", "api-key", "duration", "out", "users");
                return new BenchOptions(target, Durations.Parse(options.GetValueOrDefault("duration", "20s")),
                    options.GetValueOrDefault("out", Path.Combine("out", $"bench-{now}")));
            case "chaos":
                if (positional.Count != 0 || thresholds.Count != 0) throw new FormatException("chaos takes no scenario and no threshold");
                Only(options, "target", "api-key", "rate", "duration", "users");
                SignsWebhooks("chaos", target);
                return new ChaosOptions(target, options.TryGetValue("rate", out var chaosRate) ? Positive(chaosRate, "--rate") : 100,
                    Durations.Parse(options.GetValueOrDefault("duration", "40s")));
            default:
                throw new FormatException($"unknown command '{args[0]}'");
        }
    }

    /// <summary>Refuses, before any load starts, a command that signs Didit webhooks without the secret to sign with.</summary>
    private static void SignsWebhooks(string what, ScenarioOptions target)
    {
        if (target.WebhookSecret is null)
            throw new FormatException($"{what} signs Didit webhooks: set {WebhookSecretVariable} to the engine's webhook secret");
    }

    private static (List<string> Positional, Dictionary<string, string> Options, List<string> Thresholds) Split(string[] args)
    {
        var positional = new List<string>();
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var thresholds = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                positional.Add(args[i]);
                continue;
            }
            var name = args[i][2..];
            if (i + 1 >= args.Length) throw new FormatException($"--{name} needs a value");
            var value = args[++i];
            if (name == "threshold") thresholds.Add(value);
            else if (!options.TryAdd(name, value)) throw new FormatException($"--{name} given twice");
        }
        return (positional, options, thresholds);
    }

    private static string Required(Dictionary<string, string> options, string name) =>
        options.TryGetValue(name, out var value) ? value : throw new FormatException($"--{name} is required");

    private static void Only(Dictionary<string, string> options, params string[] allowed)
    {
        foreach (var name in options.Keys)
            if (!allowed.Contains(name)) throw new FormatException($"unknown option --{name}");
    }

    private static int Positive(string text, string name) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : throw new FormatException($"{name} must be a positive whole number");
}
