namespace RiskEngine.Decisions;

/// <summary>
/// The pure decision function: facts and a policy in, an outcome with its score and reasons out.
/// Signals are weighted and summed (capped at 100), the score picks a band, then the action's floor,
/// a fresh step-up and a lock apply on top, in that order. No allocation, no I/O.
/// </summary>
public static class RiskEvaluator
{
    public const int MaxScore = 100;

    public static Evaluation Evaluate(in RiskFacts facts, Policy policy)
    {
        var reasons = Signals(in facts, policy.Thresholds);

        var score = 0;
        foreach (var signal in reasons) score += policy.Weights.Of(signal);
        score = Math.Min(score, MaxScore);

        var band = BandFor(policy.Bands, score);
        var outcome = band.Outcome;
        var method = outcome == Outcome.StepUp ? band.Method : null;

        if (outcome != Outcome.Block && policy.Floors.For(facts.Action) is { } floor)
        {
            outcome = Outcome.StepUp;
            method = method is { } m && m > floor ? m : floor;
            reasons = facts.Action switch
            {
                UserAction.SettingsChange => reasons.With(Reason.SettingsChange),
                UserAction.AccountRecovery => reasons.With(Reason.AccountRecovery),
                _ => reasons,
            };
        }

        if (outcome == Outcome.StepUp && IsFresh(in facts, method!.Value, policy.Thresholds.RecentStepUpSeconds))
        {
            outcome = Outcome.Allow;
            method = null;
            reasons = reasons.With(Reason.RecentStepUp);
        }

        if (facts.Locked)
        {
            outcome = Outcome.Block;
            method = null;
            reasons = reasons.With(Reason.Locked);
        }

        return new Evaluation(outcome, method, score, reasons);
    }

    /// <summary>The weighted signals present in <paramref name="facts"/> under these thresholds.</summary>
    public static ReasonSet Signals(in RiskFacts facts, PolicyThresholds thresholds)
    {
        var set = ReasonSet.Empty;
        if (facts.FirstSeen) set = set.With(Reason.FirstSeen);
        if (facts.NewDevice) set = set.With(Reason.NewDevice);
        if (facts.NewNetwork) set = set.With(Reason.NewIp);
        if (facts.NewCountry) set = set.With(Reason.NewCountry);
        if (facts.NewAsn) set = set.With(Reason.NewAsn);
        if (facts.AnonymousIp) set = set.With(Reason.AnonymousIp);
        if (facts.GeoUnavailable) set = set.With(Reason.GeoUnavailable);
        if (IsImpossibleTravel(in facts, thresholds)) set = set.With(Reason.ImpossibleTravel);

        if (facts.Action == UserAction.Transfer)
        {
            if (facts.Amount >= thresholds.VeryHighValueTxn.For(facts.Currency)) set = set.With(Reason.VeryHighValueTxn);
            else if (facts.Amount >= thresholds.HighValueTxn.For(facts.Currency)) set = set.With(Reason.HighValueTxn);

            if (facts.PriorTransfers >= thresholds.AmountAnomalyMinTransfers && facts.MeanTransfer > 0
                && facts.Amount > facts.MeanTransfer * thresholds.AmountAnomalyFactor)
                set = set.With(Reason.AmountAnomaly);
        }

        if (facts.ActionsLastMinute > thresholds.VelocityMaxActionsPerMinute
            || (facts.Action == UserAction.Transfer && facts.Transferred24H > thresholds.VelocityMaxAmount24H.For(facts.Currency)))
            set = set.With(Reason.Velocity);

        return set;
    }

    private static bool IsImpossibleTravel(in RiskFacts facts, PolicyThresholds thresholds)
    {
        if (facts.TravelKm < thresholds.ImpossibleTravelMinKm) return false;
        // Same-second hops count as one second: any real distance is then impossible.
        var hours = Math.Max(facts.TravelTime.Duration().TotalHours, 1.0 / 3600);
        return facts.TravelKm / hours > thresholds.ImpossibleTravelKmh;
    }

    private static bool IsFresh(in RiskFacts facts, StepUpMethod required, int freshnessSeconds)
    {
        // ACTIVE_3D satisfies a PASSIVE requirement; PASSIVE never satisfies ACTIVE_3D.
        var since = required == StepUpMethod.Passive
            ? (facts.SincePassiveApproval < facts.SinceActive3DApproval ? facts.SincePassiveApproval : facts.SinceActive3DApproval)
            : facts.SinceActive3DApproval;
        return since <= TimeSpan.FromSeconds(freshnessSeconds);
    }

    private static ScoreBand BandFor(ScoreBand[] bands, int score)
    {
        foreach (var band in bands)
            if (score >= band.Min && score <= band.Max) return band;
        return bands[^1]; // unreachable for a validated policy: its bands cover 0–100
    }
}
