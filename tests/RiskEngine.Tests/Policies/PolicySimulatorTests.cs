namespace RiskEngine.Tests.Policies;

/// <summary>The pure part of a policy simulation: judging kept facts by two policies and counting what moves.</summary>
public sealed class PolicySimulatorTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    private static RiskFacts Known(UserAction action = UserAction.Login) => new()
    {
        Action = action,
        ActionsLastMinute = 1,
        SincePassiveApproval = TimeSpan.MaxValue,
        SinceActive3DApproval = TimeSpan.MaxValue,
    };

    private static RiskFacts Transfer(decimal amount) =>
        Known(UserAction.Transfer) with { Amount = amount, Currency = "EUR", Transferred24H = amount };

    private static WeightedSample Sample(RiskFacts facts, int minute, double weight = 1) =>
        new(new DecisionSample(Guid.CreateVersion7(Start.AddMinutes(minute)), Start.AddMinutes(minute), facts), weight);

    private static Policy HighValueFrom(decimal amount) =>
        Policy.Default with { Thresholds = new PolicyThresholds { HighValueTxn = new CurrencyAmounts(amount) } };

    [Fact]
    public void A_higher_high_value_threshold_allows_the_transfers_below_it_and_nothing_else()
    {
        WeightedSample[] samples =
        [
            Sample(Known(), 0),
            Sample(Transfer(1_500m), 1),
            Sample(Transfer(2_500m), 2),
            Sample(Known() with { NewDevice = true, NewNetwork = true }, 3),
        ];

        var report = PolicySimulator.Simulate(samples, Policy.Default, HighValueFrom(2_000m));

        Assert.Equal((4, 4L), (report.Sampled, report.Decisions));
        Assert.Equal(new OutcomeCounts(1, 3, 0, 0), report.Current);
        Assert.Equal(new OutcomeCounts(2, 2, 0, 0), report.Candidate);
        Assert.Equal(1, report.Changed);
        Assert.Equal([new OutcomeChange(SimulatedOutcome.StepUpPassive, SimulatedOutcome.Allow, 1)], report.Changes);
        var example = Assert.Single(report.Examples);
        Assert.Equal(samples[1].Sample.DecisionId.ToString("N"), example.DecisionId);
        Assert.Equal((UserAction.Transfer, Start.AddMinutes(1)), (example.Action, example.DecidedAt));
        Assert.Equal(new SimulatedVerdict(Outcome.StepUp, StepUpMethod.Passive, 40, ReasonSet.Of(Reason.HighValueTxn)), example.Current);
        Assert.Equal(new SimulatedVerdict(Outcome.Allow, null, 0, ReasonSet.Empty), example.Candidate);
        Assert.Equal((Start, Start.AddMinutes(3)), (report.From, report.To));
        Assert.Equal([
            new ActionOutcomes(UserAction.Login, new OutcomeCounts(1, 1, 0, 0), new OutcomeCounts(1, 1, 0, 0)),
            new ActionOutcomes(UserAction.Transfer, new OutcomeCounts(0, 2, 0, 0), new OutcomeCounts(1, 1, 0, 0)),
        ], report.ByAction);
    }

    [Fact]
    public void Counts_stand_for_every_decision_a_sample_was_drawn_from()
    {
        // A busy quarter hour: 10 kept of 1,000; a quiet one: all 3 kept.
        var samples = Enumerable.Range(0, 10).Select(i => Sample(Transfer(1_500m), i, weight: 100))
            .Concat(Enumerable.Range(20, 3).Select(i => Sample(Known(), i)))
            .ToArray();

        var report = PolicySimulator.Simulate(samples, Policy.Default, HighValueFrom(2_000m));

        Assert.Equal((13, 1_003L, 1_000L), (report.Sampled, report.Decisions, report.Changed));
        Assert.Equal(new OutcomeCounts(3, 1_000, 0, 0), report.Current);
        Assert.Equal(new OutcomeCounts(1_003, 0, 0, 0), report.Candidate);
    }

    [Fact]
    public void Examples_are_the_newest_changed_decisions()
    {
        var samples = Enumerable.Range(0, 50).Select(i => Sample(Transfer(1_500m), i)).ToArray();

        var report = PolicySimulator.Simulate(samples, Policy.Default, HighValueFrom(2_000m));

        Assert.Equal(PolicySimulator.MaxExamples, report.Examples.Count);
        Assert.Equal(Start.AddMinutes(49), report.Examples[0].DecidedAt);
        Assert.Equal(Start.AddMinutes(50 - PolicySimulator.MaxExamples), report.Examples[^1].DecidedAt);
    }

    [Fact]
    public void Silos_reports_add_up_into_one()
    {
        var one = PolicySimulator.Simulate([Sample(Transfer(1_500m), 0), Sample(Known(), 5)], Policy.Default, HighValueFrom(2_000m));
        var other = PolicySimulator.Simulate([Sample(Transfer(1_600m), 9, weight: 4)], Policy.Default, HighValueFrom(2_000m));
        var empty = PolicySimulator.Simulate([], Policy.Default, HighValueFrom(2_000m));

        var merged = PolicySimulator.Merge([one, other, empty], currentVersion: 7);

        Assert.Equal((3, 6L, 5L, 7), (merged.Sampled, merged.Decisions, merged.Changed, merged.CurrentVersion));
        Assert.Equal(new OutcomeCounts(1, 5, 0, 0), merged.Current);
        Assert.Equal([new OutcomeChange(SimulatedOutcome.StepUpPassive, SimulatedOutcome.Allow, 5)], merged.Changes);
        Assert.Equal([Start.AddMinutes(9), Start], merged.Examples.Select(e => e.DecidedAt));
        Assert.Equal((Start, Start.AddMinutes(9)), (merged.From, merged.To));
        Assert.Equal([
            new ActionOutcomes(UserAction.Login, new OutcomeCounts(1, 0, 0, 0), new OutcomeCounts(1, 0, 0, 0)),
            new ActionOutcomes(UserAction.Transfer, new OutcomeCounts(0, 5, 0, 0), new OutcomeCounts(5, 0, 0, 0)),
        ], merged.ByAction);
    }

    [Fact]
    public void Bands_floors_and_locks_apply_as_in_a_decision()
    {
        var stricter = Policy.Default with
        {
            Bands = [new(0, 19, Outcome.Allow), new(20, 49, Outcome.StepUp, StepUpMethod.Passive), new(50, 100, Outcome.StepUp, StepUpMethod.Active3D)],
        };
        WeightedSample[] samples =
        [
            Sample(Known() with { NewNetwork = true }, 0),                    // 20: allow → PASSIVE
            Sample(Known() with { NewDevice = true, NewNetwork = true }, 1),  // 60: PASSIVE → ACTIVE_3D
            Sample(Known() with { NewNetwork = true, Locked = true }, 2),     // blocked either way
        ];

        var report = PolicySimulator.Simulate(samples, Policy.Default, stricter);

        Assert.Equal(new OutcomeCounts(1, 1, 0, 1), report.Current);
        Assert.Equal(new OutcomeCounts(0, 1, 1, 1), report.Candidate);
        Assert.Equal([new OutcomeChange(SimulatedOutcome.Allow, SimulatedOutcome.StepUpPassive, 1),
            new OutcomeChange(SimulatedOutcome.StepUpPassive, SimulatedOutcome.StepUpActive3D, 1)], report.Changes);
    }
}
