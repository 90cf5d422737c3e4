namespace RiskEngine.Load.Reports;

/// <summary>Everything one command measured, as written to report.md, report.html and stats.json.</summary>
public sealed record RunReport(string Command, string Target, DateTimeOffset StartedAt, string Machine, IReadOnlyList<ScenarioReport> Scenarios);
