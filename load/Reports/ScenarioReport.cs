using RiskEngine.Load.Harness;

namespace RiskEngine.Load.Reports;

public sealed record ScenarioReport(string Title, ScenarioStats Stats, IReadOnlyList<ThresholdResult> Thresholds)
{
    public static ScenarioReport Of(string title, ScenarioStats stats, IEnumerable<Threshold> thresholds) =>
        new(title, stats, [.. thresholds.Select(t => new ThresholdResult(t.Text, t.Measure(stats), t.IsMet(stats)))]);

    public bool Passed => Stats.Valid && Thresholds.All(t => t.Passed);
}
