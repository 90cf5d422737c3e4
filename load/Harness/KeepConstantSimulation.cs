namespace RiskEngine.Load.Harness;

/// <summary>Closed model: <paramref name="Copies"/> loops, each starting its next call when its last one ends.</summary>
public sealed record KeepConstantSimulation(int Copies, TimeSpan During) : LoadSimulation(During);
