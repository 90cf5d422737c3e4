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

    private static readonly int Actions = Enum.GetValues<UserAction>().Length;
    private static readonly int Outcomes = Enum.GetValues<SimulatedOutcome>().Length;

    public static PolicySimulation Simulate(IReadOnlyList<WeightedSample> samples, Policy current, Policy candidate)
    {
        // By action, then outcome.
        var before = new double[Actions, Outcomes];
        var after = new double[Actions, Outcomes];
        var changes = new double[Outcomes, Outcomes];
        DateTimeOffset? from = null, to = null;
        var examples = new List<SimulatedDecision>();

        foreach (var (sample, weight) in samples)
        {
            var now = RiskEvaluator.Evaluate(sample.Facts, current);
            var then = RiskEvaluator.Evaluate(sample.Facts, candidate);
            int a = (int)Of(now), b = (int)Of(then), action = (int)sample.Facts.Action;
            before[action, a] += weight;
            after[action, b] += weight;
            if (from is null || sample.DecidedAt < from) from = sample.DecidedAt;
            if (to is null || sample.DecidedAt > to) to = sample.DecidedAt;
            if (a == b) continue;
            changes[a, b] += weight;
            examples.Add(new SimulatedDecision(sample.DecisionId.ToString("N"), sample.Facts.Action, sample.DecidedAt, Verdict(now), Verdict(then)));
        }

        var changed = new List<OutcomeChange>();
        for (var a = 0; a < Outcomes; a++)
            for (var b = 0; b < Outcomes; b++)
                if (changes[a, b] > 0) changed.Add(new OutcomeChange((SimulatedOutcome)a, (SimulatedOutcome)b, (long)Math.Round(changes[a, b])));

        var byAction = Enumerable.Range(0, Actions)
            .Select(action => new ActionOutcomes((UserAction)action, Counts(before, action), Counts(after, action)))
            .Where(a => a.Current.Total() > 0)
            .ToList();
        return new PolicySimulation(samples.Count, from, to, current.Version, byAction, changed, Newest(examples));
    }

    /// <summary>One cluster-wide report from every silo's: counts add up, the newest examples stay.</summary>
    public static PolicySimulation Merge(IReadOnlyList<PolicySimulation> reports, int currentVersion)
    {
        var changes = reports.SelectMany(r => r.Changes)
            .GroupBy(c => (c.From, c.To))
            .Select(g => new OutcomeChange(g.Key.From, g.Key.To, g.Sum(c => c.Decisions)))
            .OrderBy(c => c.From).ThenBy(c => c.To)
            .ToList();
        var byAction = reports.SelectMany(r => r.ByAction)
            .GroupBy(a => a.Action)
            .Select(g => new ActionOutcomes(g.Key, OutcomeCounts.Sum(g.Select(a => a.Current)), OutcomeCounts.Sum(g.Select(a => a.Candidate))))
            .OrderBy(a => a.Action)
            .ToList();
        return new PolicySimulation(reports.Sum(r => r.Sampled), reports.Min(r => r.From), reports.Max(r => r.To), currentVersion,
            byAction, changes, Newest(reports.SelectMany(r => r.Examples)));
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

    private static OutcomeCounts Counts(double[,] c, int action) =>
        new((long)Math.Round(c[action, 0]), (long)Math.Round(c[action, 1]), (long)Math.Round(c[action, 2]), (long)Math.Round(c[action, 3]));

}
