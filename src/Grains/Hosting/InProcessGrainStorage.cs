using System.Runtime.InteropServices;
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
/// that array that points at its serialized bytes, its ETag a number made a string only when asked: a class, a
/// <see cref="BinaryData"/> and the ETag's string made three more long-lived objects per stored state, which every
/// collection that promotes them and every background one that marks them had to visit. The bytes themselves live
/// outside the garbage-collected heap, as a database process would hold them: kept there, each written state was
/// copied twice on its way to gen2 and then marked by every background collection; here the serializer's array dies
/// young and a read copies the bytes back under the lock (a write may free them the moment it is released).
/// </remarks>
public sealed unsafe class InProcessGrainStorage : IGrainStorage, IDisposable
{
    public static readonly TimeSpan SweepPeriod = TimeSpan.FromMinutes(10);

    private readonly Dictionary<(string State, GrainId Grain), Entry> _entries = [];
    private readonly Lock _lock = new();
    private readonly IGrainStorageSerializer _serializer;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;
    private readonly ITimer? _sweep;
    private long _version;
    private bool _disposed;

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
        if (Live((stateName, grainId)) is (var data, var version))
        {
            grainState.State = _serializer.Deserialize<T>(new BinaryData(data));
            grainState.ETag = NumberedETag.Format(version);
            grainState.RecordExists = true;
        }
        else Empty(grainState);
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var entry = Entry.Copy(_serializer.Serialize(grainState.State).ToMemory().Span, Interlocked.Increment(ref _version), _time.GetUtcNow());
        try
        {
            Replace((stateName, grainId), grainState.ETag, entry);
        }
        catch
        {
            entry.Free();
            throw;
        }
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

    public void Dispose()
    {
        _sweep?.Dispose();
        lock (_lock)
        {
            _disposed = true; // from here every call fails, so no write can leave bytes that nothing frees
            foreach (var entry in _entries.Values) entry.Free();
            _entries.Clear();
        }
    }

    /// <summary>A copy of the live entry's bytes, with its version.</summary>
    private (byte[] Data, long Version)? Live((string, GrainId) key)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _entries.TryGetValue(key, out var entry) && !Expired(entry, _time.GetUtcNow()) ? (entry.Bytes.ToArray(), entry.Version) : null;
        }
    }

    private bool Expired(Entry entry, DateTimeOffset now) => now - entry.WrittenAt >= _lifetime;

    /// <summary>Replaces (or, with null, removes) the entry if its ETag is still the caller's; an expired entry counts as none.</summary>
    private void Replace((string, GrainId) key, string? etag, Entry? with)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var found = _entries.TryGetValue(key, out var current);
            long? stored = found && !Expired(current, _time.GetUtcNow()) ? current.Version : null;
            if (stored is { } version ? !NumberedETag.Names(etag, version) : etag is not null)
                throw new InconsistentStateException($"ETag mismatch for {key.Item2}", stored is { } v ? NumberedETag.Format(v) : "", etag ?? "");
            if (with is { } entry) _entries[key] = entry;
            else _entries.Remove(key);
            if (found) current.Free();
        }
    }

    /// <summary>Lets the expired go. It holds the lock for the whole scan, so the clock is read once, not per entry.</summary>
    private void Sweep()
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            foreach (var (key, entry) in _entries)
                if (Expired(entry, now))
                {
                    _entries.Remove(key); // removing while enumerating is allowed for Dictionary
                    entry.Free();
                }
        }
    }

    /// <summary>A stored state: its bytes in native memory, owned by the dictionary that holds the entry.</summary>
    private readonly record struct Entry(nint Address, int Length, long Version, DateTimeOffset WrittenAt)
    {
        public ReadOnlySpan<byte> Bytes => new((void*)Address, Length);

        public static Entry Copy(ReadOnlySpan<byte> data, long version, DateTimeOffset writtenAt)
        {
            var address = NativeMemory.Alloc((nuint)data.Length);
            data.CopyTo(new Span<byte>(address, data.Length));
            return new Entry((nint)address, data.Length, version, writtenAt);
        }

        public void Free() => NativeMemory.Free((void*)Address);
    }
}
