using Orleans.Storage;

namespace RiskEngine.Tests.Infrastructure;

/// <summary>
/// Grain storage that can play a second activation of the same grain, as during a failover: told to interfere
/// with a state, it rewrites that state itself just before each of the engine's next writes of it, so each of
/// those meets a newer etag in the real store underneath and fails with <see cref="InconsistentStateException"/>.
/// </summary>
public sealed class InterferingStorage(IGrainStorage inner) : IGrainStorage
{
    private string? _stateName;
    private int _interferences;
    private int _writes;

    /// <summary>The engine's writes of the state named in <see cref="Interfere"/> since then.</summary>
    public int Writes => Volatile.Read(ref _writes);

    public void Interfere(string stateName, int times)
    {
        _stateName = stateName;
        Volatile.Write(ref _writes, 0);
        Volatile.Write(ref _interferences, times);
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (stateName == _stateName)
        {
            Interlocked.Increment(ref _writes);
            if (Interlocked.Decrement(ref _interferences) >= 0)
            {
                var other = new GrainState<T>();
                await inner.ReadStateAsync(stateName, grainId, other);
                await inner.WriteStateAsync(stateName, grainId, other);
            }
        }
        await inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);
}
