using RiskEngine.Load.Cli;
using RiskEngine.Load.Harness;

namespace RiskEngine.Tests.Load;

public sealed class ThresholdTests
{
    private static ScenarioStats Stats(double p99Ms, long requests = 1000, long failed = 0, double rps = 500) => new(
        "s", "open", 2, requests, requests - failed, failed, rps,
        new LatencyStats(1, 2, 3, p99Ms, p99Ms, p99Ms, 1), new LatencyStats(0, 0, 0, 0, 0, 0, 0),
        new Dictionary<int, long>(), new Dictionary<string, long>(), [], true, null, 0, null, DateTimeOffset.UnixEpoch);

    [Theory]
    [InlineData("p99<10ms", "p99", "<", 10)]
    [InlineData("p99.9 <= 2s", "p99.9", "<=", 2000)]
    [InlineData("p50<500us", "p50", "<", 0.5)]
    [InlineData("max<1s", "max", "<", 1000)]
    [InlineData("rps>=1000", "rps", ">=", 1000)]
    [InlineData("errors<1%", "errors", "<", 0.01)]
    public void Thresholds_parse_into_metric_operator_and_value(string text, string metric, string op, double value)
    {
        var threshold = Threshold.Parse(text);

        Assert.Equal((metric, op), (threshold.Metric, threshold.Operator));
        Assert.Equal(value, threshold.Value, 9);
    }

    [Theory]
    [InlineData("p99<10")]
    [InlineData("p98<10ms")]
    [InlineData("rps>=10ms")]
    [InlineData("errors<1ms")]
    [InlineData("p99 10ms")]
    public void Malformed_thresholds_are_refused(string text)
    {
        Assert.Throws<FormatException>(() => Threshold.Parse(text));
    }

    [Fact]
    public void A_threshold_passes_or_fails_on_the_measured_value()
    {
        Assert.True(Threshold.Parse("p99<10ms").IsMet(Stats(p99Ms: 9.9)));
        Assert.False(Threshold.Parse("p99<10ms").IsMet(Stats(p99Ms: 10)));
        Assert.False(Threshold.Parse("errors<1%").IsMet(Stats(p99Ms: 1, failed: 10)));
        Assert.True(Threshold.Parse("rps>=500").IsMet(Stats(p99Ms: 1)));
    }

    [Fact]
    public void The_command_line_reads_run_exactly_as_documented()
    {
        var options = Assert.IsType<RunOptions>(CommandLine.Parse(
            ["run", "decisions", "--target", "http://localhost:5080", "--api-key", "k", "--rate", "250", "--duration", "45s",
             "--warmup", "2s", "--users", "500", "--threshold", "p99<10ms", "--threshold", "errors<1%", "--out", "o"]));

        Assert.Equal(("decisions", 250.0, TimeSpan.FromSeconds(45), TimeSpan.FromSeconds(2), 500, "o"),
            (options.Scenario, options.Rate, options.Duration, options.WarmUp, options.Target.Users, options.Out));
        Assert.Equal(["p99<10ms", "errors<1%"], options.Thresholds.Select(t => t.Text));
    }

    [Theory]
    [InlineData("run", "nosuch", "--target", "http://x", "--api-key", "k")]
    [InlineData("run", "baseline", "--api-key", "k")]
    [InlineData("run", "baseline", "--target", "http://x", "--api-key", "k", "--rate", "-3")]
    [InlineData("bench", "--target", "http://x", "--api-key", "k", "--threshold", "p99<1ms")]
    [InlineData("run", "baseline", "--target", "http://x", "--api-key", "k", "--colour", "red")]
    public void A_wrong_command_line_is_refused_with_a_reason(params string[] args)
    {
        Assert.NotEmpty(Assert.Throws<FormatException>(() => CommandLine.Parse(args, _ => null)).Message);
    }

    [Theory]
    [InlineData("stepup")]
    [InlineData("webhooks")]
    [InlineData(null)]
    public void A_command_that_signs_webhooks_is_refused_without_the_secret(string? scenario)
    {
        string[] args = scenario is null ? ["chaos", "--target", "http://x", "--api-key", "k"] : ["run", scenario, "--target", "http://x", "--api-key", "k"];

        var refused = Assert.Throws<FormatException>(() => CommandLine.Parse(args, _ => null));
        var parsed = CommandLine.Parse(args, name => name == "RiskEngine__Didit__WebhookSecret" ? "s3cret" : null);

        Assert.Contains("RiskEngine__Didit__WebhookSecret", refused.Message);
        Assert.Equal("s3cret", parsed is RunOptions run ? run.Target.WebhookSecret : Assert.IsType<ChaosOptions>(parsed).Target.WebhookSecret);
    }
}
