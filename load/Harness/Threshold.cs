using System.Globalization;
using System.Text.RegularExpressions;

namespace RiskEngine.Load.Harness;

/// <summary>
/// A pass/fail condition on a run's results: <c>p99&lt;10ms</c>, <c>p50&lt;=2ms</c>, <c>max&lt;1s</c>,
/// <c>rps&gt;=500</c>, <c>errors&lt;1%</c>. Latency metrics: p50, p75, p95, p99, p99.9, max, mean.
/// </summary>
public sealed partial record Threshold(string Text, string Metric, string Operator, double Value)
{
    [GeneratedRegex(@"^\s*(?<metric>p50|p75|p95|p99\.9|p99|max|mean|rps|errors)\s*(?<op><=|>=|<|>)\s*(?<value>[0-9]+(\.[0-9]+)?)\s*(?<unit>us|µs|ms|s|%)?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Grammar();

    public static Threshold Parse(string text)
    {
        var match = Grammar().Match(text);
        if (!match.Success)
            throw new FormatException($"threshold '{text}': expected <metric><op><value>, e.g. p99<10ms, rps>=500, errors<1% (metrics: p50 p75 p95 p99 p99.9 max mean rps errors)");
        var metric = match.Groups["metric"].Value.ToLowerInvariant();
        var unit = match.Groups["unit"].Value.ToLowerInvariant();
        var value = double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
        var isLatency = metric is not ("rps" or "errors");
        if (isLatency && unit is "" or "%") throw new FormatException($"threshold '{text}': a latency needs a unit (us, ms, s)");
        if (metric == "errors" && unit is not ("%" or "")) throw new FormatException($"threshold '{text}': errors are a share, e.g. errors<1%");
        if (metric == "rps" && unit != "") throw new FormatException($"threshold '{text}': rps has no unit");

        // Latencies are kept in milliseconds, error shares as fractions.
        value = unit switch
        {
            "us" or "µs" => value / 1000,
            "s" => value * 1000,
            "%" => value / 100,
            _ => value,
        };
        return new Threshold(text.Trim(), metric, match.Groups["op"].Value, value);
    }

    /// <summary>The measured value this threshold looks at, in its units (ms, calls/s, or a share).</summary>
    public double Measure(ScenarioStats stats) => Metric switch
    {
        "rps" => stats.Rps,
        "errors" => stats.Requests == 0 ? 0 : (double)stats.Failed / stats.Requests,
        _ => stats.Latency.Of(Metric),
    };

    public bool IsMet(ScenarioStats stats)
    {
        var actual = Measure(stats);
        return Operator switch
        {
            "<" => actual < Value,
            "<=" => actual <= Value,
            ">" => actual > Value,
            _ => actual >= Value,
        };
    }
}
