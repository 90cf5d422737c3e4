using Orleans;
using Orleans.Runtime;
using RiskEngine.Hosting;

namespace RiskEngine.Tests.Persistence;

/// <summary>
/// Embedded mode's reminder table, as Orleans' reminder service uses it. Through the service (a session's reminder
/// armed and dropped) it is covered by the step-up flow tests; here, what the service relies on besides.
/// </summary>
public sealed class InProcessReminderTableTests
{
    private readonly InProcessReminderTable _table = new();
    private static readonly GrainId First = GrainId.Create("stepupsession", "t/first");
    private static readonly GrainId Second = GrainId.Create("stepupsession", "t/second");

    [Fact]
    public async Task A_silo_reads_the_reminders_of_its_part_of_the_ring_and_the_whole_ring_when_it_owns_it()
    {
        await _table.UpsertRow(Row(First, "tick"));
        await _table.UpsertRow(Row(Second, "tick"));
        var hash = First.GetUniformHashCode();

        var own = await _table.ReadRows(hash - 1, hash); // (begin, end]
        var whole = await _table.ReadRows(hash, hash);

        Assert.NotEqual(hash, Second.GetUniformHashCode());
        Assert.Equal([First], own.Reminders.Select(r => r.GrainId));
        Assert.Equal(2, whole.Reminders.Count);
    }

    [Fact]
    public async Task A_reminder_is_removed_only_with_its_current_etag()
    {
        var first = await _table.UpsertRow(Row(First, "tick"));
        var second = await _table.UpsertRow(Row(First, "tick"));

        var stale = await _table.RemoveRow(First, "tick", first!);
        var kept = await _table.ReadRow(First, "tick");
        var current = await _table.RemoveRow(First, "tick", second!);

        Assert.False(stale);
        Assert.Equal(second, kept!.ETag);
        Assert.True(current);
        Assert.Null(await _table.ReadRow(First, "tick"));
        Assert.Empty((await _table.ReadRows(First)).Reminders);
    }

    [Fact]
    public async Task A_grains_reminders_are_kept_apart_by_name()
    {
        var tick = await _table.UpsertRow(Row(First, "tick"));
        await _table.UpsertRow(Row(First, "other"));
        var longer = Row(First, "other");
        longer.Period = TimeSpan.FromMinutes(20);
        var other = await _table.UpsertRow(longer);

        Assert.Equal(["other", "tick"], (await _table.ReadRows(First)).Reminders.Select(r => r.ReminderName).Order());
        Assert.True(await _table.RemoveRow(First, "tick", tick!));

        var left = Assert.Single((await _table.ReadRows(First)).Reminders);
        Assert.Equal("other", left.ReminderName);
        Assert.Equal(other, left.ETag);
        Assert.Equal(TimeSpan.FromMinutes(20), left.Period);
        Assert.Null(await _table.ReadRow(First, "tick"));
    }

    [Fact]
    public async Task Rows_are_copied_in_and_out()
    {
        var row = Row(First, "tick");
        await _table.UpsertRow(row);
        row.Period = TimeSpan.FromHours(1);
        (await _table.ReadRow(First, "tick"))!.Period = TimeSpan.FromHours(2);

        Assert.Equal(TimeSpan.FromMinutes(10), (await _table.ReadRow(First, "tick"))!.Period);
    }

    private static ReminderEntry Row(GrainId grain, string name) => new()
    {
        GrainId = grain,
        ReminderName = name,
        StartAt = new DateTime(2026, 11, 29, 8, 0, 0, DateTimeKind.Utc),
        Period = TimeSpan.FromMinutes(10),
    };
}
