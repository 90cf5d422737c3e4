namespace RiskEngine.Hosting;

/// <summary>
/// Embedded mode's reminder table. Orleans' in-memory table is a grain, so every step-up paid a grain call to
/// register its session's reminder and two more (look up, remove) to drop it. Embedded mode is one silo in one
/// process that owns every reminder, so this dictionary is the whole table. Rows are copied in and out, as a
/// grain call would, so the reminder service never shares an entry with the table.
/// </summary>
public sealed class InProcessReminderTable : IReminderTable
{
    private readonly Dictionary<GrainId, Dictionary<string, ReminderEntry>> _rows = [];
    private readonly Lock _lock = new();

    public Task Init() => Task.CompletedTask;

    public Task<ReminderTableData> ReadRows(GrainId grainId)
    {
        lock (_lock)
            return Task.FromResult(new ReminderTableData(_rows.TryGetValue(grainId, out var named) ? named.Values.Select(Copy).ToList() : []));
    }

    public Task<ReminderTableData> ReadRows(uint begin, uint end)
    {
        var range = RangeFactory.CreateRange(begin, end);
        lock (_lock)
            return Task.FromResult(new ReminderTableData(_rows.Where(r => range.InRange(r.Key)).SelectMany(r => r.Value.Values).Select(Copy).ToList()));
    }

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
    {
        lock (_lock)
            return Task.FromResult(_rows.TryGetValue(grainId, out var named) && named.TryGetValue(reminderName, out var row) ? Copy(row) : null);
    }

    public Task<string?> UpsertRow(ReminderEntry entry)
    {
        var row = Copy(entry);
        row.ETag = Guid.NewGuid().ToString("N");
        lock (_lock)
        {
            if (!_rows.TryGetValue(row.GrainId, out var named)) _rows[row.GrainId] = named = [];
            named[row.ReminderName] = row;
        }
        return Task.FromResult<string?>(row.ETag);
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        lock (_lock)
        {
            if (!_rows.TryGetValue(grainId, out var named) || !named.TryGetValue(reminderName, out var row) || row.ETag != eTag)
                return Task.FromResult(false);
            named.Remove(reminderName);
            if (named.Count == 0) _rows.Remove(grainId);
            return Task.FromResult(true);
        }
    }

    public Task TestOnlyClearTable()
    {
        lock (_lock) _rows.Clear();
        return Task.CompletedTask;
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
