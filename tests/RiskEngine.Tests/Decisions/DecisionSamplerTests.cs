namespace RiskEngine.Tests.Decisions;

public sealed class DecisionSamplerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero));
    private readonly DecisionSampler _sampler;

    public DecisionSamplerTests() => _sampler = new DecisionSampler(_time);

    private List<WeightedSample> Samples(string tenant) => DecisionSampler.Weighted(_sampler.Held(tenant).Select(h => h.Contribution));

    private void Record(string tenant, int count, UserAction action = UserAction.Login)
    {
        var facts = new RiskFacts { Action = action };
        for (var i = 0; i < count; i++) _sampler.Record(tenant, Guid.NewGuid(), _time.GetUtcNow(), in facts);
    }

    [Fact]
    public void A_busy_quarter_hour_keeps_a_bounded_sample_that_stands_for_all_its_decisions()
    {
        Record("acme", 1_000);
        _time.Advance(DecisionSampler.SlotLength);
        Record("acme", 3, UserAction.Transfer);

        var samples = Samples("acme");

        Assert.Equal(DecisionSampler.PerSlot + 3, samples.Count);
        Assert.Equal(1_003, samples.Sum(s => s.Weight), precision: 6);
        Assert.Equal(3, samples.Count(s => s.Sample.Facts.Action == UserAction.Transfer && s.Weight == 1));
    }

    [Fact]
    public void A_quarter_hour_the_archive_never_took_is_lost_once_its_place_in_memory_comes_round_again()
    {
        Record("acme", 5);
        _time.Advance(DecisionSampler.SlotLength * (DecisionSampler.RingSlots - 1));
        Record("acme", 7);

        Assert.Equal(12, Samples("acme").Sum(s => s.Weight), precision: 6);

        _time.Advance(DecisionSampler.SlotLength);
        Record("acme", 2); // the first five's place: they are gone

        Assert.Equal(9, Samples("acme").Sum(s => s.Weight), precision: 6);
    }

    [Fact]
    public void Tenants_are_sampled_apart()
    {
        Record("acme", 4);
        Record("globex", 2);

        Assert.Equal((4, 2, 0), (Samples("acme").Count, Samples("globex").Count, Samples("initech").Count));
    }

    [Fact]
    public void A_finished_quarter_hour_leaves_memory_once_archived_and_the_one_under_way_stays()
    {
        Record("acme", 3);
        var finished = DecisionSampler.SlotOf(_time.GetUtcNow());
        _time.Advance(DecisionSampler.SlotLength);
        Record("acme", 2);

        var due = _sampler.Unarchived(includeCurrent: false).ToList();
        Assert.Equal([("acme", finished, 3)], due.Select(d => (d.TenantId, d.Slot, d.Contribution.Seen)));

        _sampler.Archived("acme", finished);

        Assert.Empty(_sampler.Unarchived(includeCurrent: false));
        Assert.Equal(2, Samples("acme").Count);
        Assert.Equal([(finished + 1, 2)], _sampler.Unarchived(includeCurrent: true).Select(d => (d.Slot, d.Contribution.Seen)));
    }
}
