namespace RiskEngine.Load.Harness;

/// <summary>One phase of load. Open-model phases schedule each call at an exact time; the closed model keeps copies busy.</summary>
public abstract record LoadSimulation(TimeSpan During);
