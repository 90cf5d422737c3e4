using Orleans.Storage;

namespace RiskEngine.Hosting;

/// <summary>
/// Embedded mode's grain storage. Embedded mode is one silo in one process, so this dictionary is the whole store
/// (each ETag checked and replaced atomically: a grain and a writer on its behalf, <see cref="StepUps.SessionOpener"/>,
/// may race); Orleans' memory storage is a set of grains, which cost every read, write and erasure a grain call (a
/// step-up made four). With a <c>lifetime</c> (answers kept for the rest of an idempotency key's 24 h), an entry is
/// held that long after its last write, as Redis' entry expiry does in Redis mode, and a sweep every
/// <see cref="SweepPeriod"/> lets the expired go; without one, until the process exits.
/// </summary>
/// <remarks>
/// One dictionary under a lock rather than a concurrent one: its entries live in one array, where a concurrent
/// dictionary makes an object per entry and, each time its table grows, makes every one of them again at once
/// (thousands under load, all surviving the next collection, whose pause then lengthens: BENCHMARKS.md). Each
/// operation holds the lock for a lookup and a replacement; serializing happens outside it. An entry is a struct in
/// that array around its serialized bytes, its ETag a number made a string only when asked: a class, the bytes'
/// <see cref="BinaryData"/> and the ETag's string made three more long-lived objects per stored state, which every
/// collection that promotes them and every background one that marks them had to visit.
/// </remarks>
public sealed class InProcessGrainStorage : IGrainStorage, IDisposable
{
    public static readonly TimeSpan SweepPeriod = TimeSpan.FromMinutes(10);

    private readonly Dictionary<(string State, GrainId Grain), Entry> _entries = [];
    private readonly Lock _lock = new();
    private readonly IGrainStorageSerializer _serializer;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;
    private readonly ITimer? _sweep;
    private long _version;

    public InProcessGrainStorage(IGrainStorageSerializer serializer, TimeProvider time, TimeSpan? lifetime = null)
    {
        (_serializer, _time, _lifetime) = (serializer, time, lifetime ?? TimeSpan.MaxValue);
        if (lifetime is not null) _sweep = time.CreateTimer(static s => ((InProcessGrainStorage)s!).Sweep(), this, SweepPeriod, SweepPeriod);
    }

    /// <summary>Entries of one state name held, expired ones not yet swept included.</summary>
    public int Count(string stateName)
    {
        lock (_lock) return _entries.Keys.Count(k => k.State == stateName);
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (Live((stateName, grainId)) is { } entry)
        {
            grainState.State = _serializer.Deserialize<T>(new BinaryData(entry.Data));
            grainState.ETag = NumberedETag.Format(entry.Version);
            grainState.RecordExists = true;
        }
        else Empty(grainState);
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var entry = new Entry(_serializer.Serialize(grainState.State).ToMemory(), Interlocked.Increment(ref _version), _time.GetUtcNow());
        Replace((stateName, grainId), grainState.ETag, entry);
        grainState.ETag = NumberedETag.Format(entry.Version);
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        Replace((stateName, grainId), grainState.ETag, null);
        Empty(grainState);
        return Task.CompletedTask;
    }

    private static void Empty<T>(IGrainState<T> grainState)
    {
        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    public void Dispose() => _sweep?.Dispose();

    private Entry? Live((string, GrainId) key)
    {
        lock (_lock) return _entries.TryGetValue(key, out var entry) && !Expired(entry) ? entry : null;
    }

    private bool Expired(Entry entry) => _time.GetUtcNow() - entry.WrittenAt >= _lifetime;

    /// <summary>Replaces (or, with null, removes) the entry if its ETag is still the caller's; an expired entry counts as none.</summary>
    private void Replace((string, GrainId) key, string? etag, Entry? with)
    {
        lock (_lock)
        {
            long? stored = _entries.TryGetValue(key, out var current) && !Expired(current) ? current.Version : null;
            if (stored is { } version ? !NumberedETag.Names(etag, version) : etag is not null)
                throw new InconsistentStateException($"ETag mismatch for {key.Item2}", stored is { } v ? NumberedETag.Format(v) : "", etag ?? "");
            if (with is { } entry) _entries[key] = entry;
            else _entries.Remove(key);
        }
    }

    private void Sweep()
    {
        lock (_lock)
            foreach (var (key, entry) in _entries)
                if (Expired(entry)) _entries.Remove(key); // removing while enumerating is allowed for Dictionary
    }

    private readonly record struct Entry(ReadOnlyMemory<byte> Data, long Version, DateTimeOffset WrittenAt);
}
