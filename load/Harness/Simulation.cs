namespace RiskEngine.Load.Harness;

/// <summary>NBomber-style factory methods.</summary>
public static class Simulation
{
    public static LoadSimulation Inject(double rate, TimeSpan interval, TimeSpan during) => new InjectSimulation(rate, interval, during);

    public static LoadSimulation RampingInject(double rate, TimeSpan interval, TimeSpan during) => new RampingInjectSimulation(rate, interval, during);

    public static LoadSimulation KeepConstant(int copies, TimeSpan during) => new KeepConstantSimulation(copies, during);
}
