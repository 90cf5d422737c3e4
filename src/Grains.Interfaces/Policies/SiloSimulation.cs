namespace RiskEngine.Policies;

/// <summary>One silo's part of a simulation: its report, and the quarter hours it judged from memory.</summary>
[GenerateSerializer, Immutable, Alias("SiloSimulation")]
public sealed record SiloSimulation(
    [property: Id(0)] string Silo,
    [property: Id(1)] long[] HeldSlots,
    [property: Id(2)] PolicySimulation Report);
