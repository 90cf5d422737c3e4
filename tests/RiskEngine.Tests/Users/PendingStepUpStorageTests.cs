using RiskEngine.Geo;
using RiskEngine.Users;

namespace RiskEngine.Tests.Users;

/// <summary>
/// A pending step-up is a struct in the user's history since 2026-12-01; histories stored while it was a class (with
/// Redis, every user's) must read back with the same pending step-ups, still applicable, and their applied statuses.
/// </summary>
public sealed class PendingStepUpStorageTests
{
    private static readonly DateTime At = new(2026, 12, 1, 5, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// A history as the engine stored it before (commit 6cf91b0), holding three pending step-ups: one for session
    /// 973e3dca-… already Declined, one for sess_01HZX3, and one stored with its id as a string (sess-legacy).
    /// </summary>
    private const string StoredWithClasses =
        "ICDgIeAh4CHgwQGBAAAAAAAAAAAh4CHgIeAh4CHgAQEhAAchwAEh6AABgegfTlBZV+W3IeiAFKBZAAAA///gQQVTRQF0mgMh6IAhH/RsVjVNQIHr4jYawDsvQOABAUEhAAAAAAAAAAAAAAAAAAAAAMEBgQCIxvNnT99I4AEDAQch6EAhyj0+l3i0OkKxCknUDXkkFsEB4OAgwAEh6AADgc8BxYA77DrSIeiARQJRAAAA///gQQVHQgEBwQEBA0EhAAAAAAAAAADECQAAAAAAAEEHRVVSgQDOiRdoT99I4AEFwQEh6EAhAAAAAAAAAAAAAAAAAAAAAEEXc2Vzc18wMUhaWDPg4CBAF3Nlc3MtbGVnYWN5IegAAYFD5PYIpts7ICHogBSgWQAAAP//4MEvAXSaAyHogCEf9GxWNU1AgeviNhrAOy9A4AEBQSEAAAAAAAAAAAAAAAAAAAAAwQGBABRNO2hP30jgAQPBASHoQCEAAAAAAAAAAAAAAAAAAAAAwQHg4ODBASHg4A==";

    private static UserProfile Read() => StorageSerializer.Instance.Deserialize<UserProfile>(new BinaryData(Convert.FromBase64String(StoredWithClasses)))!;

    [Fact]
    public void A_history_stored_with_pending_step_ups_as_objects_reads_back_the_same()
    {
        var read = Read();

        Assert.Equal(["973e3dca-b478-423a-b10a-49d40d792416", "sess_01HZX3", "sess-legacy"], read.View()!.PendingStepUps);
        var (first, second, third) = (read.PendingStepUps[0], read.PendingStepUps[1], read.PendingStepUps[2]);
        Assert.Equal((StepUpMethod.Passive, SessionStatus.Declined, "SE", 29518u, new GeoPoint(58.4167, 15.6167), At),
            (first.Method, first.Applied, first.Observation.Country, first.Observation.Asn, first.Observation.Location, first.Observation.At));
        Assert.Equal((StepUpMethod.Active3D, (SessionStatus?)null, UserAction.Transfer, 2500m, "EUR", true),
            (second.Method, second.Applied, second.Observation.Action, second.Observation.Amount, second.Observation.Currency, second.Observation.IsAnonymous));
        Assert.Equal((Observation.DeviceKey("dev-4"), At.AddMinutes(2)), (third.Observation.Device, third.Observation.At));
        // Written back byte for byte as before, so an engine still on the class reads what this one stores (a rolling upgrade):
        // every field it knew, then only the operator unlock's two empty fields (added since, numbered after them), which
        // an older engine skips, before the history's end.
        var stored = Convert.FromBase64String(StoredWithClasses);
        var written = StorageSerializer.Instance.Serialize(read).ToArray();
        Assert.Equal(stored[..^1], written[..(stored.Length - 1)]);
        Assert.Equal([0xC1, 0x01, 0xC1, 0x01, stored[^1]], written[(stored.Length - 1)..]); // field +1: null, field +1: null, end
    }

    [Fact]
    public void A_pending_step_up_read_back_is_applied_once_and_its_status_kept()
    {
        var read = Read();

        Assert.False(read.ApplyStepUp("973e3dca-b478-423a-b10a-49d40d792416", SessionStatus.Declined, At.AddMinutes(5), new PolicyThresholds()));
        Assert.True(read.ApplyStepUp("sess-legacy", SessionStatus.Approved, At.AddMinutes(5), new PolicyThresholds()));
        Assert.False(read.ApplyStepUp("sess-legacy", SessionStatus.Approved, At.AddMinutes(6), new PolicyThresholds()));
        Assert.False(read.Measure(read.PendingStepUps[2].Observation with { At = At.AddMinutes(7) }).NewDevice); // enrolled

        var again = StorageSerializer.Instance.Deserialize<UserProfile>(StorageSerializer.Instance.Serialize(read))!;
        Assert.Equal([SessionStatus.Declined, null, SessionStatus.Approved], again.PendingStepUps.Select(p => p.Applied));
    }
}
