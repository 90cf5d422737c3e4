namespace RiskEngine.Load.Harness;

/// <summary>Open model: <paramref name="Rate"/> calls per <paramref name="Interval"/>, evenly spaced, whatever the server does.</summary>
public sealed record InjectSimulation(double Rate, TimeSpan Interval, TimeSpan During) : LoadSimulation(During);
