using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using RiskEngine.Hosting;
using RiskEngine.Users;

namespace RiskEngine.Tests.Users;

/// <summary>Answers kept apart from a user's log: sealed with the log's own key, and those of engines before that still found.</summary>
public sealed class SpilledAnswersTests
{
    private const string Tenant = "acme";

    private static readonly DateTime At = new(2026, 11, 30, 9, 0, 0, DateTimeKind.Utc);

    private readonly InProcessGrainStorage _storage = new(StorageSerializer.Instance, new FakeTimeProvider(At), IdempotencyLog.Window);
    private readonly SpilledAnswers _spilled;

    public SpilledAnswersTests() =>
        _spilled = new SpilledAnswers(_storage, new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer<IdempotencyRecord>>());

    private static IdempotencyRecord Record(string key, string decisionId) => new()
    {
        Key = key, Fingerprint = 7, At = At,
        Result = new DecisionResult(decisionId, Outcome.StepUp, StepUpMethod.Passive, 55, ReasonSet.Empty.With(Reason.NewDevice), 3,
            new StepUpInfo("973e3dca-b478-423a-b10a-49d40d792416", "https://verify.didit.me/session/abc", SessionStatus.NotStarted, At.AddMinutes(30))),
    };

    private static IdempotencyLog Spilling() => new() { SpilledUntil = At + IdempotencyLog.Window };

    [Fact]
    public async Task An_answer_kept_apart_is_found_with_its_log_and_its_key_only()
    {
        var log = Spilling();
        var other = Spilling(); // another user's log: the same idempotency key is another answer
        await _spilled.KeepAsync(Tenant, log, Record("pay-1", "decision-1"));
        await _spilled.KeepAsync(Tenant, other, Record("pay-1", "decision-2"));

        var found = await _spilled.FindAsync(Tenant, "ana", "pay-1", log, At);

        Assert.Equal(("pay-1", 7UL, At, Record("pay-1", "decision-1").Result), (found!.Key, found.Fingerprint, found.At, found.Result));
        Assert.Equal("decision-2", (await _spilled.FindAsync(Tenant, "bob", "pay-1", other, At))!.Result.DecisionId);
        Assert.Null(await _spilled.FindAsync(Tenant, "ana", "pay-2", log, At));
        Assert.Null(await _spilled.FindAsync(Tenant, "ana", "pay-1", Spilling(), At)); // the log as after a deletion and a new start
    }

    [Fact]
    public async Task Answers_kept_apart_by_an_engine_before_sealing_answer_for_the_rest_of_their_day()
    {
        var log = Spilling(); // as such an engine left it: answers kept apart, no key
        await _storage.WriteStateAsync(SpilledAnswers.StateName, GrainId.Create("idempotencyrecord", GrainKeys.ForUserItem(Tenant, "ana", "pay-1")),
            new GrainState<IdempotencyRecordState>(new IdempotencyRecordState { Record = Record("pay-1", "decision-1") }));

        var before = await _spilled.FindAsync(Tenant, "ana", "pay-1", log, At);
        await _spilled.KeepAsync(Tenant, log, Record("pay-2", "decision-2")); // the first kept sealed: the log gets its key
        var after = await _spilled.FindAsync(Tenant, "ana", "pay-1", log, At.AddHours(23));
        var sealedOne = await _spilled.FindAsync(Tenant, "ana", "pay-2", log, At.AddHours(23));
        var dayOver = await _spilled.FindAsync(Tenant, "ana", "pay-1", log, At + IdempotencyLog.Window);

        Assert.Equal("decision-1", before?.Result.DecisionId);
        Assert.Equal("decision-1", after?.Result.DecisionId);
        Assert.Equal("decision-2", sealedOne?.Result.DecisionId);
        Assert.Null(dayOver);
    }
}
