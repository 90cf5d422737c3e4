namespace RiskEngine.Load.Harness;

/// <summary>Open model: the rate moves linearly from the previous phase's rate to <paramref name="Rate"/> per <paramref name="Interval"/>.</summary>
public sealed record RampingInjectSimulation(double Rate, TimeSpan Interval, TimeSpan During) : LoadSimulation(During);
