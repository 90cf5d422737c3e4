using Orleans.Storage;
using RiskEngine.Geo;
using RiskEngine.Users;

namespace RiskEngine.Tests.Users;

/// <summary>
/// A user's history keeps its step-up sessions' ids as UUIDs when they are, and gives every id back exactly as the
/// provider spelled it; a history stored before, with the ids as strings, reads back with the same sessions in order.
/// </summary>
public sealed class SessionRefTests
{
    private static readonly OrleansGrainStorageSerializer Storage = StorageSerializer.Instance;

    [Theory]
    [InlineData("973e3dca-b478-423a-b10a-49d40d792416", true)]
    [InlineData("973E3DCA-B478-423A-B10A-49D40D792416", false)] // a UUID, but written back in lowercase it would differ
    [InlineData("{973e3dca-b478-423a-b10a-49d40d792416}", false)]
    [InlineData("sess_01HZX3", false)]
    public void An_id_reads_back_as_given_and_is_compact_when_it_is_a_canonical_uuid(string id, bool compact)
    {
        var kept = SessionRef.From(id);

        Assert.Equal(id, kept.ToString());
        Assert.Equal(compact, kept.Other is null);
        Assert.Equal(kept, SessionRef.From(id));
    }

    [Fact]
    public void A_history_stored_with_string_session_ids_reads_back_with_the_same_sessions_oldest_first()
    {
        var stored = new UserProfile { SessionIds = ["sess-older", "973e3dca-b478-423a-b10a-49d40d792416"] }; // as field 13 was written

        var read = Storage.Deserialize<UserProfile>(Storage.Serialize(stored))!;

        Assert.Equal(["sess-older", "973e3dca-b478-423a-b10a-49d40d792416"], read.Sessions.Select(s => s.ToString()));
        Assert.Null(read.SessionIds);
    }

    [Fact]
    public void A_step_up_pending_in_a_history_stored_with_string_ids_is_still_applied()
    {
        var at = new DateTime(2026, 11, 29, 12, 0, 0, DateTimeKind.Utc);
        var attempt = new Observation(UserAction.Login, Observation.DeviceKey("dev-2"), NetworkPrefix.Of(IPAddress.Parse("89.160.20.112")),
            "SE", 0, null, false, 0, null, at);
        var stored = new UserProfile { SessionIds = ["sess-1"] };
        stored.PendingStepUps.Add(new PendingStepUp { SessionId = "sess-1", Session = default, Observation = attempt, Method = StepUpMethod.Passive });
        var read = Storage.Deserialize<UserProfile>(Storage.Serialize(stored))!;

        Assert.True(read.ApplyStepUp("sess-1", SessionStatus.Approved, at.AddMinutes(1), new PolicyThresholds()));
        Assert.False(read.Measure(attempt with { At = at.AddMinutes(2) }).NewDevice);
        Assert.Equal(["sess-1"], read.View()!.PendingStepUps);
    }

    [Fact]
    public void A_full_history_is_smaller_stored_with_compact_session_ids()
    {
        var ids = Enumerable.Range(0, HistoryLimits.Sessions).Select(_ => Guid.NewGuid().ToString()).ToList();
        var asStrings = Storage.Serialize(new UserProfile { SessionIds = ids }).ToArray().Length;

        var profile = new UserProfile();
        profile.Sessions.AddRange(ids.Select(SessionRef.From));
        var stored = Storage.Serialize(profile);

        Assert.True(stored.ToArray().Length < asStrings * 2 / 3, $"{stored.ToArray().Length} bytes compact, {asStrings} as strings");
        Assert.Equal(ids, Storage.Deserialize<UserProfile>(stored)!.Sessions.Select(s => s.ToString()));
    }

    [Fact]
    public void A_history_read_with_string_session_ids_is_written_back_with_each_session_once()
    {
        var stored = new UserProfile { SessionIds = ["sess-older"] };
        var read = Storage.Deserialize<UserProfile>(Storage.Serialize(stored))!;
        read.Sessions.Add(SessionRef.From("sess-newer"));

        var again = Storage.Deserialize<UserProfile>(Storage.Serialize(read))!;

        Assert.Equal(["sess-older", "sess-newer"], again.Sessions.Select(s => s.ToString()));
    }
}
