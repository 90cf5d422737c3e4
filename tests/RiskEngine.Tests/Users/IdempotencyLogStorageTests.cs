using Orleans.Storage;
using RiskEngine.Users;

namespace RiskEngine.Tests.Users;

/// <summary>
/// A user's kept answers are stored without reference tracking (each answer is its own: no object in the log is
/// shared), so a full log no longer overflows the serializer's tracking table; logs stored while they were tracked
/// still read back.
/// </summary>
public sealed class IdempotencyLogStorageTests
{
    private static readonly OrleansGrainStorageSerializer Storage = StorageSerializer.Instance;

    private static readonly DateTime At = new(2026, 11, 29, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_log_stored_while_its_answers_were_reference_tracked_reads_back_with_every_answer()
    {
        // Written by the engine before this change (commit 50fc9f7): three answers, the second a step-up.
        var stored = Convert.FromBase64String(
            "ICAAByFAC2tleS0xAReBAOBRSxBO30gh6EBJMDE5OGExYjItMDAwMC03MDAwLTgwMDAtMDAwMDAwMDAwMDAxAQHBAQEVIegAAeABCcEB4OAgQAtrZXktMgEtgYB26ksQTt9IIehASTAxOThhMWIyLTAwMDAtNzAwMC04MDAwLTAwMDAwMDAwMDAwMgEDAQUBggIh6AAF4AEJIehASTk3M2UzZGNhLWI0NzgtNDIzYS1iMTBhLTQ5ZDQwZDc5MjQxNkFHaHR0cHM6Ly92ZXJpZnkuZGlkaXQubWUvc2Vzc2lvbi9hYmMBASGAABQ0fBRO3wiBAAAAAAAAAADg4ODgIEALa2V5LTMBQ4EADYNMEE7fSCHoQEkwMTk4YTFiMi0wMDAwLTcwMDAtODAwMC0wMDAwMDAwMDAwMDMBBcEBAfoCIegAAeABCcEB4ODggQAAAAAAAAAA4A==");

        var log = Storage.Deserialize<IdempotencyLog>(BinaryData.FromBytes(stored))!;

        Assert.Equal(["key-1", "key-2", "key-3"], log.Records.Select(r => r.Key));
        Assert.Equal([Outcome.Allow, Outcome.StepUp, Outcome.Block], log.Records.Select(r => r.Result.Outcome));
        var stepUp = log.Find("key-2", 22, At.AddMinutes(1))!;
        Assert.Equal("0198a1b2-0000-7000-8000-000000000002", stepUp.DecisionId);
        Assert.Equal(StepUpMethod.Active3D, stepUp.Method);
        Assert.Equal(ReasonSet.Empty.With(Reason.NewDevice), stepUp.Reasons);
        Assert.Equal(new StepUpInfo("973e3dca-b478-423a-b10a-49d40d792416", "https://verify.didit.me/session/abc", SessionStatus.NotStarted,
            new DateTimeOffset(At.AddMinutes(30))), stepUp.StepUp);
        Assert.Equal(33UL, log.Records[2].Fingerprint);
    }

    [Fact]
    public void A_full_log_reads_back_as_written()
    {
        var log = new IdempotencyLog();
        for (var i = 0; i < IdempotencyLog.Limit; i++)
        {
            var stepUp = i % 8 == 0 ? new StepUpInfo($"session-{i}", $"https://verify.didit.me/session/{i}", SessionStatus.NotStarted, new DateTimeOffset(At.AddMinutes(30))) : null;
            log.Add($"key-{i}", (ulong)i, new DecisionResult($"decision-{i}", stepUp is null ? Outcome.Allow : Outcome.StepUp, stepUp is null ? null : StepUpMethod.Passive,
                i, ReasonSet.Empty, 1, stepUp), At.AddSeconds(i));
        }

        var read = Storage.Deserialize<IdempotencyLog>(Storage.Serialize(log))!;

        Assert.Equal(log.Records.Select(r => (r.Key, r.Fingerprint, r.At, r.Result)), read.Records.Select(r => (r.Key, r.Fingerprint, r.At, r.Result)));
    }
}
