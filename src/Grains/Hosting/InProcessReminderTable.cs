using System.Globalization;

namespace RiskEngine.Hosting;

/// <summary>
/// Embedded mode's reminder table. Orleans' in-memory table is a grain, so every step-up paid a grain call to
/// register its session's reminder and two more (look up, remove) to drop it. Embedded mode is one silo in one
/// process that owns every reminder, so this dictionary is the whole table. Rows are copied in and out, as a
/// grain call would, so the reminder service never shares an entry with the table.
/// </summary>
public sealed class InProcessReminderTable : IReminderTable
{
    // A grain's rows in an array: nearly every grain here (a step-up session) has one reminder, and a dictionary per
    // grain would cost each open session a few hundred bytes more for its 30 minutes.
    private readonly Dictionary<GrainId, ReminderEntry[]> _rows = [];
    private readonly Lock _lock = new();
    private long _version;

    public Task Init() => Task.CompletedTask;

    public Task<ReminderTableData> ReadRows(GrainId grainId)
    {
        lock (_lock)
            return Task.FromResult(new ReminderTableData(_rows.TryGetValue(grainId, out var named) ? named.Select(Copy).ToList() : []));
    }

    public Task<ReminderTableData> ReadRows(uint begin, uint end)
    {
        var range = RangeFactory.CreateRange(begin, end);
        lock (_lock)
            return Task.FromResult(new ReminderTableData(_rows.Where(r => range.InRange(r.Key)).SelectMany(r => r.Value).Select(Copy).ToList()));
    }

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
    {
        lock (_lock)
            return Task.FromResult(Find(grainId, reminderName) is { } row ? Copy(row) : null);
    }

    public Task<string?> UpsertRow(ReminderEntry entry)
    {
        var row = Copy(entry);
        // Unique for the table's life, which is the process's: all an ETag has to be, and cheaper than a GUID.
        row.ETag = Interlocked.Increment(ref _version).ToString(CultureInfo.InvariantCulture);
        lock (_lock)
        {
            var named = _rows.GetValueOrDefault(row.GrainId, []);
            var i = IndexOf(named, row.ReminderName);
            if (i < 0) _rows[row.GrainId] = [.. named, row];
            else named[i] = row; // the table's own array: callers only ever get copies of its rows
        }
        return Task.FromResult<string?>(row.ETag);
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        lock (_lock)
        {
            var named = _rows.GetValueOrDefault(grainId, []);
            var i = IndexOf(named, reminderName);
            if (i < 0 || named[i].ETag != eTag) return Task.FromResult(false);
            if (named.Length == 1) _rows.Remove(grainId);
            else _rows[grainId] = [.. named[..i], .. named[(i + 1)..]];
            return Task.FromResult(true);
        }
    }

    public Task TestOnlyClearTable()
    {
        lock (_lock) _rows.Clear();
        return Task.CompletedTask;
    }

    private ReminderEntry? Find(GrainId grainId, string reminderName) =>
        _rows.TryGetValue(grainId, out var named) && IndexOf(named, reminderName) is >= 0 and var i ? named[i] : null;

    private static int IndexOf(ReminderEntry[] named, string reminderName)
    {
        for (var i = 0; i < named.Length; i++)
            if (named[i].ReminderName == reminderName) return i;
        return -1;
    }

    private static ReminderEntry Copy(ReminderEntry row) => new()
    {
        GrainId = row.GrainId,
        ReminderName = row.ReminderName,
        StartAt = row.StartAt,
        Period = row.Period,
        ETag = row.ETag,
    };
}
