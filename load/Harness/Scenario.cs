namespace RiskEngine.Load.Harness;

/// <summary>
/// A named step run under load, NBomber style:
/// <c>Scenario.Create("decisions", async ctx =&gt; …).WithWarmUpDuration(…).WithLoadSimulations(…).WithThresholds(…)</c>.
/// </summary>
public sealed class Scenario
{
    private Scenario(string name, Func<ScenarioContext, Task<Response>> step) => (Name, Step) = (name, step);

    public string Name { get; }

    public Func<ScenarioContext, Task<Response>> Step { get; }

    /// <summary>Runs once before the warm-up (e.g. to create the sessions a webhook scenario sends events for).</summary>
    public Func<CancellationToken, Task>? Init { get; private init; }

    public TimeSpan WarmUp { get; private init; } = TimeSpan.FromSeconds(5);

    public IReadOnlyList<LoadSimulation> Simulations { get; private init; } = [Simulation.KeepConstant(1, TimeSpan.FromSeconds(10))];

    public IReadOnlyList<Threshold> Thresholds { get; private init; } = [];

    public static Scenario Create(string name, Func<ScenarioContext, Task<Response>> step) => new(name, step);

    public Scenario WithInit(Func<CancellationToken, Task> init) => Copy(s => s with { Init = init });

    public Scenario WithWarmUpDuration(TimeSpan warmUp) => Copy(s => s with { WarmUp = warmUp });

    public Scenario WithoutWarmUp() => WithWarmUpDuration(TimeSpan.Zero);

    public Scenario WithLoadSimulations(params LoadSimulation[] simulations) => Copy(s => s with { Simulations = simulations });

    public Scenario WithThresholds(params Threshold[] thresholds) => Copy(s => s with { Thresholds = thresholds });

    private Scenario Copy(Func<Settings, Settings> change)
    {
        var settings = change(new Settings(Init, WarmUp, Simulations, Thresholds));
        return new Scenario(Name, Step)
        {
            Init = settings.Init,
            WarmUp = settings.WarmUp,
            Simulations = settings.Simulations,
            Thresholds = settings.Thresholds,
        };
    }

    private sealed record Settings(
        Func<CancellationToken, Task>? Init, TimeSpan WarmUp, IReadOnlyList<LoadSimulation> Simulations, IReadOnlyList<Threshold> Thresholds);
}
