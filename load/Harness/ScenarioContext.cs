namespace RiskEngine.Load.Harness;

/// <summary>Handed to every step: which invocation this is, a random source, and the run's cancellation.</summary>
public sealed class ScenarioContext(long invocationNumber, CancellationToken cancellationToken)
{
    public long InvocationNumber { get; } = invocationNumber;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public Random Random => Random.Shared;
}
