namespace RiskEngine.Tests.Decisions;

public sealed class RiskEvaluatorTests
{
    private static readonly Policy Defaults = Policy.Default;

    /// <summary>A returning user on a known device and network: no signal at all.</summary>
    private static RiskFacts Known(UserAction action = UserAction.Login) => new()
    {
        Action = action,
        ActionsLastMinute = 1,
        SincePassiveApproval = TimeSpan.MaxValue,
        SinceActive3DApproval = TimeSpan.MaxValue,
    };

    private static RiskFacts Transfer(decimal amount, string currency = "EUR") =>
        Known(UserAction.Transfer) with { Amount = amount, Currency = currency, Transferred24H = amount };

    private static Evaluation Evaluate(RiskFacts facts, Policy? policy = null) => RiskEvaluator.Evaluate(in facts, policy ?? Defaults);

    [Fact]
    public void Known_device_and_network_is_allowed_with_score_zero()
    {
        var result = Evaluate(Known());

        Assert.Equal(new Evaluation(Outcome.Allow, null, 0, ReasonSet.Empty), result);
    }

    [Fact]
    public void First_seen_user_is_allowed_and_says_so()
    {
        var result = Evaluate(Known() with { FirstSeen = true });

        Assert.Equal(Outcome.Allow, result.Outcome);
        Assert.Equal(ReasonSet.Of(Reason.FirstSeen), result.Reasons);
    }

    [Fact]
    public void New_device_and_new_network_steps_up_to_face()
    {
        var result = Evaluate(Known() with { NewDevice = true, NewNetwork = true });

        Assert.Equal(new Evaluation(Outcome.StepUp, StepUpMethod.Passive, 60, ReasonSet.Of(Reason.NewDevice, Reason.NewIp)), result);
    }

    [Fact]
    public void New_device_new_network_and_anonymous_ip_steps_up_with_active_3d()
    {
        var result = Evaluate(Known() with { NewDevice = true, NewNetwork = true, AnonymousIp = true });

        Assert.Equal(Outcome.StepUp, result.Outcome);
        Assert.Equal(StepUpMethod.Active3D, result.Method);
        Assert.Equal(100, result.Score);
        Assert.Equal(ReasonSet.Of(Reason.NewDevice, Reason.NewIp, Reason.AnonymousIp), result.Reasons);
    }

    public static TheoryData<string, Reason, int> EachSignal => new()
    {
        { "new device", Reason.NewDevice, 40 },
        { "new network", Reason.NewIp, 20 },
        { "new country", Reason.NewCountry, 20 },
        { "new asn", Reason.NewAsn, 10 },
        { "anonymous ip", Reason.AnonymousIp, 40 },
        { "impossible travel", Reason.ImpossibleTravel, 60 },
        { "velocity", Reason.Velocity, 30 },
        { "geo unavailable", Reason.GeoUnavailable, 0 },
        { "first seen", Reason.FirstSeen, 0 },
    };

    [Theory, MemberData(nameof(EachSignal))]
    public void Each_signal_alone_scores_its_default_weight(string _, Reason signal, int weight)
    {
        var facts = signal switch
        {
            Reason.NewDevice => Known() with { NewDevice = true },
            Reason.NewIp => Known() with { NewNetwork = true },
            Reason.NewCountry => Known() with { NewCountry = true },
            Reason.NewAsn => Known() with { NewAsn = true },
            Reason.AnonymousIp => Known() with { AnonymousIp = true },
            Reason.ImpossibleTravel => Known() with { TravelKm = 8000, TravelTime = TimeSpan.FromMinutes(10) },
            Reason.Velocity => Known() with { ActionsLastMinute = 11 },
            Reason.GeoUnavailable => Known() with { GeoUnavailable = true },
            Reason.FirstSeen => Known() with { FirstSeen = true },
            _ => throw new ArgumentOutOfRangeException(nameof(signal)),
        };

        var result = Evaluate(facts);

        Assert.Equal(ReasonSet.Of(signal), result.Reasons);
        Assert.Equal(weight, result.Score);
    }

    [Fact]
    public void A_tenant_weight_changes_the_score_and_the_outcome()
    {
        var policy = Defaults with { Weights = new SignalWeights { NewAsn = 45 } };

        var result = Evaluate(Known() with { NewAsn = true }, policy);

        Assert.Equal(45, result.Score);
        Assert.Equal(StepUpMethod.Passive, result.Method);
    }

    [Fact]
    public void Score_is_capped_at_100()
    {
        var result = Evaluate(Known() with { NewDevice = true, NewNetwork = true, NewCountry = true, AnonymousIp = true, TravelKm = 9000 });

        Assert.Equal(100, result.Score);
    }

    [Theory]
    [InlineData(39, Outcome.Allow, null)]
    [InlineData(40, Outcome.StepUp, StepUpMethod.Passive)]
    [InlineData(69, Outcome.StepUp, StepUpMethod.Passive)]
    [InlineData(70, Outcome.StepUp, StepUpMethod.Active3D)]
    public void Default_bands_map_scores_at_their_edges(int score, Outcome outcome, StepUpMethod? method)
    {
        var policy = Defaults with { Weights = new SignalWeights { NewAsn = score } };

        var result = Evaluate(Known() with { NewAsn = true }, policy);

        Assert.Equal((outcome, method), (result.Outcome, result.Method));
    }

    [Fact]
    public void A_block_band_blocks()
    {
        var policy = Defaults with
        {
            Bands = [new(0, 39, Outcome.Allow), new(40, 89, Outcome.StepUp, StepUpMethod.Passive), new(90, 100, Outcome.Block)],
        };

        var result = Evaluate(Known() with { NewDevice = true, NewNetwork = true, AnonymousIp = true }, policy);

        Assert.Equal(Outcome.Block, result.Outcome);
        Assert.Null(result.Method);
    }

    [Theory]
    [InlineData(999.99, null)]
    [InlineData(1000, Reason.HighValueTxn)]
    [InlineData(9999.99, Reason.HighValueTxn)]
    [InlineData(10000, Reason.VeryHighValueTxn)]
    public void Transfer_amounts_cross_the_value_thresholds_at_or_above(double amount, Reason? expected)
    {
        var result = Evaluate(Transfer((decimal)amount));

        Assert.Equal(expected is { } r ? ReasonSet.Of(r) : ReasonSet.Empty, result.Reasons);
    }

    [Fact]
    public void A_large_transfer_steps_up_and_a_very_large_one_with_active_3d()
    {
        Assert.Equal((Outcome.StepUp, StepUpMethod.Passive), (Evaluate(Transfer(2500)).Outcome, Evaluate(Transfer(2500)).Method));
        Assert.Equal((Outcome.StepUp, StepUpMethod.Active3D), (Evaluate(Transfer(15000)).Outcome, Evaluate(Transfer(15000)).Method));
    }

    [Fact]
    public void Value_thresholds_are_per_currency()
    {
        var policy = Defaults with
        {
            Thresholds = new PolicyThresholds
            {
                HighValueTxn = new CurrencyAmounts(1000) { Currencies = new() { ["JPY"] = 150_000 } },
                VeryHighValueTxn = new CurrencyAmounts(10_000) { Currencies = new() { ["JPY"] = 1_500_000 } },
                VelocityMaxAmount24H = new CurrencyAmounts(20_000) { Currencies = new() { ["JPY"] = 3_000_000 } },
            },
        };

        Assert.True(Evaluate(Transfer(100_000, "JPY"), policy).Reasons.IsEmpty);
        Assert.True(Evaluate(Transfer(200_000, "JPY"), policy).Reasons.Contains(Reason.HighValueTxn));
        Assert.True(Evaluate(Transfer(2000, "EUR"), policy).Reasons.Contains(Reason.HighValueTxn));
    }

    [Fact]
    public void Amount_anomaly_needs_five_earlier_transfers()
    {
        var unusual = Transfer(500) with { MeanTransfer = 100 };

        Assert.False(Evaluate(unusual with { PriorTransfers = 4 }).Reasons.Contains(Reason.AmountAnomaly));
        Assert.True(Evaluate(unusual with { PriorTransfers = 5 }).Reasons.Contains(Reason.AmountAnomaly));
    }

    [Fact]
    public void Amount_anomaly_is_a_multiple_of_the_usual_transfer()
    {
        var usual = Transfer(0) with { PriorTransfers = 10, MeanTransfer = 100 };

        Assert.False(Evaluate(usual with { Amount = 300 }).Reasons.Contains(Reason.AmountAnomaly));
        Assert.True(Evaluate(usual with { Amount = 301 }).Reasons.Contains(Reason.AmountAnomaly));
    }

    [Theory]
    [InlineData(10, false)]
    [InlineData(11, true)]
    public void More_than_ten_actions_in_a_minute_is_velocity(int actions, bool velocity)
    {
        Assert.Equal(velocity, Evaluate(Known() with { ActionsLastMinute = actions }).Reasons.Contains(Reason.Velocity));
    }

    [Theory]
    [InlineData(20_000, false)]
    [InlineData(20_000.01, true)]
    public void More_than_20000_transferred_in_24_hours_is_velocity(double transferred, bool velocity)
    {
        var facts = Transfer(500) with { Transferred24H = (decimal)transferred };

        Assert.Equal(velocity, Evaluate(facts).Reasons.Contains(Reason.Velocity));
    }

    [Theory]
    [InlineData(8000, 10, true)]     // Boxford to Changchun in ten minutes
    [InlineData(850, 60, false)]     // a flight: 850 km/h
    [InlineData(1000, 60, true)]     // 1000 km/h
    [InlineData(90, 0, false)]       // too close for city-level GeoIP to judge
    [InlineData(150, 0, true)]       // same second, far apart
    public void Travel_faster_than_900_kmh_is_impossible(double km, double minutes, bool impossible)
    {
        var facts = Known() with { TravelKm = km, TravelTime = TimeSpan.FromMinutes(minutes) };

        Assert.Equal(impossible, Evaluate(facts).Reasons.Contains(Reason.ImpossibleTravel));
    }

    [Fact]
    public void Travel_time_counts_either_way_when_events_arrive_out_of_order()
    {
        var facts = Known() with { TravelKm = 8000, TravelTime = TimeSpan.FromMinutes(-10) };

        Assert.True(Evaluate(facts).Reasons.Contains(Reason.ImpossibleTravel));
    }

    [Fact]
    public void A_settings_change_on_a_known_device_still_steps_up_to_passive()
    {
        var result = Evaluate(Known(UserAction.SettingsChange));

        Assert.Equal(new Evaluation(Outcome.StepUp, StepUpMethod.Passive, 0, ReasonSet.Of(Reason.SettingsChange)), result);
    }

    [Fact]
    public void Account_recovery_always_steps_up_to_active_3d()
    {
        var result = Evaluate(Known(UserAction.AccountRecovery));

        Assert.Equal(new Evaluation(Outcome.StepUp, StepUpMethod.Active3D, 0, ReasonSet.Of(Reason.AccountRecovery)), result);
    }

    [Fact]
    public void A_floor_never_weakens_a_stronger_band()
    {
        var result = Evaluate(Known(UserAction.SettingsChange) with { NewDevice = true, NewNetwork = true, AnonymousIp = true });

        Assert.Equal(StepUpMethod.Active3D, result.Method);
    }

    [Fact]
    public void A_tenant_can_remove_a_floor()
    {
        var policy = Defaults with { Floors = new ActionFloors { SettingsChange = null } };

        var result = Evaluate(Known(UserAction.SettingsChange), policy);

        Assert.Equal(new Evaluation(Outcome.Allow, null, 0, ReasonSet.Empty), result);
    }

    [Fact]
    public void A_recent_approved_step_up_on_this_device_suppresses_a_new_prompt()
    {
        var result = Evaluate(Known() with { NewNetwork = true, NewCountry = true, SincePassiveApproval = TimeSpan.FromMinutes(4) });

        Assert.Equal(Outcome.Allow, result.Outcome);
        Assert.Equal(ReasonSet.Of(Reason.NewIp, Reason.NewCountry, Reason.RecentStepUp), result.Reasons);
        Assert.Equal(40, result.Score);
    }

    [Fact]
    public void An_approval_older_than_five_minutes_is_not_fresh()
    {
        var result = Evaluate(Known() with { NewNetwork = true, NewCountry = true, SincePassiveApproval = TimeSpan.FromMinutes(5.5) });

        Assert.Equal(Outcome.StepUp, result.Outcome);
    }

    [Fact]
    public void A_passive_approval_does_not_satisfy_an_active_3d_requirement()
    {
        var result = Evaluate(Known(UserAction.AccountRecovery) with { SincePassiveApproval = TimeSpan.FromMinutes(1) });

        Assert.Equal((Outcome.StepUp, StepUpMethod.Active3D), (result.Outcome, result.Method));
    }

    [Fact]
    public void An_active_3d_approval_satisfies_a_passive_requirement()
    {
        var result = Evaluate(Known(UserAction.SettingsChange) with { SinceActive3DApproval = TimeSpan.FromMinutes(1) });

        Assert.Equal(Outcome.Allow, result.Outcome);
        Assert.True(result.Reasons.Contains(Reason.RecentStepUp));
    }

    [Fact]
    public void A_locked_user_is_blocked_whatever_the_score()
    {
        var result = Evaluate(Known() with { Locked = true });

        Assert.Equal(new Evaluation(Outcome.Block, null, 0, ReasonSet.Of(Reason.Locked)), result);
    }

    [Fact]
    public void A_lock_overrides_a_fresh_step_up()
    {
        var result = Evaluate(Known(UserAction.SettingsChange) with { Locked = true, SinceActive3DApproval = TimeSpan.Zero });

        Assert.Equal(Outcome.Block, result.Outcome);
    }
}
