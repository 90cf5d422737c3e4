namespace RiskEngine.Policies;

/// <summary>
/// Judges kept decisions' facts by the current policy and by a candidate, and counts what would change. The
/// facts are what each decision measured against the user's history then; a candidate that had decided
/// differently would also have changed what the user's history learned, which no replay can know.
/// </summary>
public static class PolicySimulator
{
    /// <summary>Changed decisions shown as examples, newest first.</summary>
    public const int MaxExamples = 20;

    public static PolicySimulation Simulate(IReadOnlyList<WeightedSample> samples, Policy current, Policy candidate)
    {
        var before = new double[4];
        var after = new double[4];
        var changes = new double[4, 4];
        double total = 0;
        DateTimeOffset? from = null, to = null;
        var examples = new List<SimulatedDecision>();

        foreach (var (sample, weight) in samples)
        {
            var now = RiskEvaluator.Evaluate(sample.Facts, current);
            var then = RiskEvaluator.Evaluate(sample.Facts, candidate);
            int a = (int)Of(now), b = (int)Of(then);
            total += weight;
            before[a] += weight;
            after[b] += weight;
            if (from is null || sample.DecidedAt < from) from = sample.DecidedAt;
            if (to is null || sample.DecidedAt > to) to = sample.DecidedAt;
            if (a == b) continue;
            changes[a, b] += weight;
            examples.Add(new SimulatedDecision(sample.DecisionId.ToString("N"), sample.Facts.Action, sample.DecidedAt, Verdict(now), Verdict(then)));
        }

        var changed = new List<OutcomeChange>();
        for (var a = 0; a < 4; a++)
            for (var b = 0; b < 4; b++)
                if (changes[a, b] > 0) changed.Add(new OutcomeChange((SimulatedOutcome)a, (SimulatedOutcome)b, (long)Math.Round(changes[a, b])));

        return new PolicySimulation(samples.Count, (long)Math.Round(total), from, to, current.Version, Counts(before), Counts(after),
            changed.Sum(c => c.Decisions), changed, Newest(examples));
    }

    /// <summary>One cluster-wide report from every silo's: counts add up, the newest examples stay.</summary>
    public static PolicySimulation Merge(IReadOnlyList<PolicySimulation> reports, int currentVersion)
    {
        var changes = reports.SelectMany(r => r.Changes)
            .GroupBy(c => (c.From, c.To))
            .Select(g => new OutcomeChange(g.Key.From, g.Key.To, g.Sum(c => c.Decisions)))
            .OrderBy(c => c.From).ThenBy(c => c.To)
            .ToList();
        return new PolicySimulation(reports.Sum(r => r.Sampled), reports.Sum(r => r.Decisions),
            reports.Min(r => r.From), reports.Max(r => r.To), currentVersion,
            Sum(reports.Select(r => r.Current)), Sum(reports.Select(r => r.Candidate)),
            changes.Sum(c => c.Decisions), changes, Newest(reports.SelectMany(r => r.Examples)));
    }

    public static SimulatedOutcome Of(in Evaluation evaluation) => evaluation.Outcome switch
    {
        Outcome.Allow => SimulatedOutcome.Allow,
        Outcome.Block => SimulatedOutcome.Block,
        _ => evaluation.Method == StepUpMethod.Active3D ? SimulatedOutcome.StepUpActive3D : SimulatedOutcome.StepUpPassive,
    };

    private static SimulatedVerdict Verdict(in Evaluation e) => new(e.Outcome, e.Method, e.Score, e.Reasons);

    private static List<SimulatedDecision> Newest(IEnumerable<SimulatedDecision> examples) =>
        examples.OrderByDescending(e => e.DecidedAt).Take(MaxExamples).ToList();

    private static OutcomeCounts Counts(double[] c) =>
        new((long)Math.Round(c[0]), (long)Math.Round(c[1]), (long)Math.Round(c[2]), (long)Math.Round(c[3]));

    private static OutcomeCounts Sum(IEnumerable<OutcomeCounts> counts) => counts.Aggregate(new OutcomeCounts(0, 0, 0, 0),
        (s, c) => new OutcomeCounts(s.Allow + c.Allow, s.StepUpPassive + c.StepUpPassive, s.StepUpActive3D + c.StepUpActive3D, s.Block + c.Block));
}
