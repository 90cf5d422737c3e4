using Orleans.Storage;

namespace RiskEngine.Tests.Infrastructure;

/// <summary>
/// Grain storage that can play a second activation of the same grain, as during a failover: told to interfere
/// with a state, it rewrites that state itself just before each of the engine's next writes or clears of it, so each
/// of those meets a newer etag in the real store underneath and fails with <see cref="InconsistentStateException"/>.
/// </summary>
public sealed class InterferingStorage(IGrainStorage inner) : IGrainStorage
{
    private string? _stateName;
    private string? _id;
    private int _interferences;
    private int _writes;

    /// <summary>The engine's writes of the state named in <see cref="Interfere"/> since then.</summary>
    public int Writes => Volatile.Read(ref _writes);

    /// <param name="id">Only the grain whose key names this id (after its tenant); every grain's when null.</param>
    public void Interfere(string stateName, int times, string? id = null)
    {
        _stateName = stateName;
        _id = id;
        Volatile.Write(ref _writes, 0);
        Volatile.Write(ref _interferences, times);
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (Targets(stateName, grainId))
        {
            Interlocked.Increment(ref _writes);
            await MaybeInterfereAsync<T>(stateName, grainId);
        }
        await inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (Targets(stateName, grainId)) await MaybeInterfereAsync<T>(stateName, grainId);
        await inner.ClearStateAsync(stateName, grainId, grainState);
    }

    private bool Targets(string stateName, GrainId grainId) =>
        stateName == _stateName && (_id is null || GrainKeys.Split(grainId.Key.ToString()!).Id == _id);

    private async Task MaybeInterfereAsync<T>(string stateName, GrainId grainId)
    {
        if (Interlocked.Decrement(ref _interferences) < 0) return;
        var other = new GrainState<T>();
        await inner.ReadStateAsync(stateName, grainId, other);
        await inner.WriteStateAsync(stateName, grainId, other);
    }
}
