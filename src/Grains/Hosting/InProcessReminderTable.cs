namespace RiskEngine.Hosting;

/// <summary>
/// Embedded mode's reminder table. Orleans' in-memory table is a grain, so every step-up paid a grain call to
/// register its session's reminder and two more (look up, remove) to drop it. Embedded mode is one silo in one
/// process that owns every reminder, so this dictionary is the whole table. Rows are copied in and out, as a
/// grain call would, so the reminder service never shares an entry with the table.
/// </summary>
public sealed class InProcessReminderTable : IReminderTable
{
    // A grain's rows in an array of structs: nearly every grain here (a step-up session) has one reminder, held for its
    // 30 minutes; a dictionary per grain would cost each open session a few hundred bytes more, and an entry object
    // with its ETag's string two more long-lived objects for every collection to visit.
    private readonly Dictionary<GrainId, Row[]> _rows = [];
    private readonly Lock _lock = new();
    private long _version;

    public Task Init() => Task.CompletedTask;

    public Task<ReminderTableData> ReadRows(GrainId grainId)
    {
        lock (_lock)
            return Task.FromResult(new ReminderTableData(_rows.TryGetValue(grainId, out var named) ? named.Select(r => r.ToEntry(grainId)).ToList() : []));
    }

    public Task<ReminderTableData> ReadRows(uint begin, uint end)
    {
        var range = RangeFactory.CreateRange(begin, end);
        lock (_lock)
            return Task.FromResult(new ReminderTableData(
                _rows.Where(r => range.InRange(r.Key)).SelectMany(r => r.Value.Select(row => row.ToEntry(r.Key))).ToList()));
    }

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
    {
        lock (_lock)
            return Task.FromResult(_rows.TryGetValue(grainId, out var named) && IndexOf(named, reminderName) is >= 0 and var i
                ? named[i].ToEntry(grainId)
                : null);
    }

    public Task<string?> UpsertRow(ReminderEntry entry)
    {
        var row = new Row(entry.ReminderName, entry.StartAt, entry.Period, Interlocked.Increment(ref _version));
        lock (_lock)
        {
            var named = _rows.GetValueOrDefault(entry.GrainId, []);
            var i = IndexOf(named, row.Name);
            if (i < 0) _rows[entry.GrainId] = [.. named, row];
            else named[i] = row; // the table's own array: callers only ever get entries made from it
        }
        return Task.FromResult<string?>(NumberedETag.Format(row.Version));
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        lock (_lock)
        {
            var named = _rows.GetValueOrDefault(grainId, []);
            var i = IndexOf(named, reminderName);
            if (i < 0 || !NumberedETag.Names(eTag, named[i].Version)) return Task.FromResult(false);
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

    private static int IndexOf(Row[] named, string reminderName)
    {
        for (var i = 0; i < named.Length; i++)
            if (named[i].Name == reminderName) return i;
        return -1;
    }

    private readonly record struct Row(string Name, DateTime StartAt, TimeSpan Period, long Version)
    {
        public ReminderEntry ToEntry(GrainId grainId) =>
            new() { GrainId = grainId, ReminderName = Name, StartAt = StartAt, Period = Period, ETag = NumberedETag.Format(Version) };
    }
}
