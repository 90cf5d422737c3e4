namespace RiskEngine.Load.Harness;

/// <summary>One phase of load. Open-model phases schedule each call at an exact time; the closed model keeps copies busy.</summary>
public abstract record LoadSimulation(TimeSpan During);

/// <summary>Open model: <paramref name="Rate"/> calls per <paramref name="Interval"/>, evenly spaced, whatever the server does.</summary>
public sealed record InjectSimulation(double Rate, TimeSpan Interval, TimeSpan During) : LoadSimulation(During);

/// <summary>Open model: the rate moves linearly from the previous phase's rate to <paramref name="Rate"/> per <paramref name="Interval"/>.</summary>
public sealed record RampingInjectSimulation(double Rate, TimeSpan Interval, TimeSpan During) : LoadSimulation(During);

/// <summary>Closed model: <paramref name="Copies"/> loops, each starting its next call when its last one ends.</summary>
public sealed record KeepConstantSimulation(int Copies, TimeSpan During) : LoadSimulation(During);

/// <summary>NBomber-style factory methods.</summary>
public static class Simulation
{
    public static LoadSimulation Inject(double rate, TimeSpan interval, TimeSpan during) => new InjectSimulation(rate, interval, during);

    public static LoadSimulation RampingInject(double rate, TimeSpan interval, TimeSpan during) => new RampingInjectSimulation(rate, interval, during);

    public static LoadSimulation KeepConstant(int copies, TimeSpan during) => new KeepConstantSimulation(copies, during);
}
