namespace RiskEngine.Load.Reports;

public sealed record ThresholdResult(string Threshold, double Actual, bool Passed);
