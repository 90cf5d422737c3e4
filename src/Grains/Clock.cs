namespace RiskEngine;

/// <summary>
/// The engine's clock is a keyed <see cref="TimeProvider"/>: Orleans resolves the unkeyed one for its
/// own timers, so tests can fake the engine's time without stopping the runtime's.
/// </summary>
public static class Clock
{
    public const string Key = "RiskEngine";
}
