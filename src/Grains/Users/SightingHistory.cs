using System.Runtime.InteropServices;

namespace RiskEngine.Users;

/// <summary>Bounded, least-recently-seen-evicted histories of known things: one code path for all four.</summary>
public static class SightingHistory
{
    public static bool Contains<TKey>(this List<Sighting<TKey>> history, TKey key) where TKey : IEquatable<TKey> =>
        IndexOf(history, key) >= 0;

    /// <summary>Updates last-seen of a known key; returns false when the key is not known.</summary>
    public static bool Touch<TKey>(this List<Sighting<TKey>> history, TKey key, DateTime at) where TKey : IEquatable<TKey>
    {
        var i = IndexOf(history, key);
        if (i < 0) return false;
        ref var entry = ref CollectionsMarshal.AsSpan(history)[i];
        if (at > entry.LastSeen) entry.LastSeen = at;
        return true;
    }

    /// <summary>
    /// Makes a key known (or touches it), evicting the least recently seen one beyond <paramref name="limit"/>.
    /// Returns true when the key was new.
    /// </summary>
    public static bool Learn<TKey>(this List<Sighting<TKey>> history, TKey key, DateTime at, int limit) where TKey : IEquatable<TKey>
    {
        if (history.Touch(key, at)) return false;
        var entry = new Sighting<TKey> { Key = key, FirstSeen = at, LastSeen = at };
        if (history.Count < limit)
        {
            history.Add(entry);
            return true;
        }
        var span = CollectionsMarshal.AsSpan(history);
        var oldest = 0;
        for (var i = 1; i < span.Length; i++)
            if (span[i].LastSeen < span[oldest].LastSeen) oldest = i;
        span[oldest] = entry;
        return true;
    }

    private static int IndexOf<TKey>(List<Sighting<TKey>> history, TKey key) where TKey : IEquatable<TKey>
    {
        var span = CollectionsMarshal.AsSpan(history);
        for (var i = 0; i < span.Length; i++)
            if (span[i].Key.Equals(key)) return i;
        return -1;
    }
}
