using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Storage;
using RiskEngine.Hosting;
using StackExchange.Redis;

namespace RiskEngine.Tests.Infrastructure;

/// <summary>
/// Grain storage that can play a second activation of the same grain, as during a failover: told to interfere
/// with a state, it rewrites that state itself just before each of the engine's next writes or clears of it, so each
/// of those meets a newer etag in the real store underneath and fails with <see cref="InconsistentStateException"/>.
/// Told to fail instead, it plays a store that cannot be reached.
/// </summary>
public sealed class InterferingStorage(IGrainStorage inner) : IGrainStorage
{
    private readonly Lock _gate = new();
    private string? _stateName;
    private string? _id;
    private bool _fail;
    private int _interferences;
    private int _writes;
    private (int Count, TaskCompletionSource Done)? _awaited;

    /// <summary>
    /// Makes the engine's grain storage one of these over the engine's own in-process store (for <see cref="Engine"/>'s
    /// services); <paramref name="created"/> is given both when the silo creates them.
    /// </summary>
    public static void Replace(IServiceCollection services, Action<InterferingStorage, InProcessGrainStorage> created) =>
        services.AddGrainStorage(Orleans.Providers.ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, (sp, _) =>
        {
            var stored = new InProcessGrainStorage(new OrleansGrainStorageSerializer(sp.GetRequiredService<Serializer>()),
                sp.GetRequiredKeyedService<TimeProvider>(Clock.Key));
            var storage = new InterferingStorage(stored);
            created(storage, stored);
            return storage;
        });

    /// <summary>The engine's writes of the state named in <see cref="Interfere"/> since then.</summary>
    public int Writes
    {
        get { lock (_gate) return _writes; }
    }

    /// <param name="id">Only the grain whose key names this id (after its tenant); every grain's when null.</param>
    /// <param name="fail">Fail those writes and clears as an unreachable Redis does, rather than conflict.</param>
    public void Interfere(string stateName, int times, string? id = null, bool fail = false)
    {
        lock (_gate)
        {
            _stateName = stateName;
            _id = id;
            _fail = fail;
            _writes = 0;
            _awaited = null;
            _interferences = times;
        }
    }

    /// <summary>Completes once the engine has started that many of those writes (a grain timer's, say).</summary>
    public Task WrittenAsync(int count)
    {
        lock (_gate)
        {
            if (_writes >= count) return Task.CompletedTask;
            _awaited = (count, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            return _awaited.Value.Done.Task;
        }
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (Targets(stateName, grainId))
        {
            lock (_gate)
            {
                _writes++;
                if (_awaited is { } awaited && _writes >= awaited.Count) awaited.Done.TrySetResult();
            }
            await MaybeInterfereAsync<T>(stateName, grainId);
        }
        await inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (Targets(stateName, grainId)) await MaybeInterfereAsync<T>(stateName, grainId);
        await inner.ClearStateAsync(stateName, grainId, grainState);
    }

    private bool Targets(string stateName, GrainId grainId)
    {
        lock (_gate) return stateName == _stateName && (_id is null || GrainKeys.Split(grainId.Key.ToString()!).Id == _id);
    }

    private async Task MaybeInterfereAsync<T>(string stateName, GrainId grainId)
    {
        bool fail;
        lock (_gate)
        {
            if (--_interferences < 0) return;
            fail = _fail;
        }
        if (fail) throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, "test: the store cannot be reached");
        var other = new GrainState<T>();
        await inner.ReadStateAsync(stateName, grainId, other);
        await inner.WriteStateAsync(stateName, grainId, other);
    }
}
