using RiskEngine.Users;

namespace RiskEngine.Tests.Policies;

public sealed class PolicyValidatorTests
{
    [Fact]
    public void The_default_policy_is_valid()
    {
        Assert.Empty(PolicyValidator.Validate(Policy.Default));
    }

    [Fact]
    public void Negative_weights_are_named()
    {
        var errors = PolicyValidator.Validate(Policy.Default with { Weights = new SignalWeights { NewIp = -1, Velocity = 101 } });

        Assert.Equal(["weights.new_ip", "weights.velocity"], errors.Keys.Order());
    }

    [Fact]
    public void Unknown_signal_names_are_named()
    {
        var weights = new SignalWeights { Unknown = new() { ["new_phone"] = default, ["vpn"] = default } };

        var errors = PolicyValidator.Validate(Policy.Default with { Weights = weights });

        Assert.Equal(["weights.new_phone", "weights.vpn"], errors.Keys.Order());
    }

    [Fact]
    public void Overlapping_bands_are_named()
    {
        var errors = PolicyValidator.Validate(Policy.Default with
        {
            Bands = [new(0, 40, Outcome.Allow), new(40, 100, Outcome.StepUp, StepUpMethod.Passive)],
        });

        Assert.Contains("overlaps", Assert.Single(errors["bands[1]"]));
    }

    [Fact]
    public void Bands_that_leave_a_gap_are_named()
    {
        var errors = PolicyValidator.Validate(Policy.Default with
        {
            Bands = [new(0, 30, Outcome.Allow), new(40, 100, Outcome.StepUp, StepUpMethod.Passive)],
        });

        Assert.Contains("gap", Assert.Single(errors["bands[1]"]));
    }

    [Fact]
    public void Bands_must_start_at_0_and_end_at_100()
    {
        var errors = PolicyValidator.Validate(Policy.Default with { Bands = [new(1, 99, Outcome.Allow)] });

        Assert.Equal(["bands[0]", "bands[0].max"], errors.Keys.Order());
    }

    [Fact]
    public void A_step_up_band_needs_a_method_and_others_must_not_have_one()
    {
        var errors = PolicyValidator.Validate(Policy.Default with
        {
            Bands = [new(0, 39, Outcome.Allow, StepUpMethod.Passive), new(40, 100, Outcome.StepUp)],
        });

        Assert.Equal(["bands[0].method", "bands[1].method"], errors.Keys.Order());
    }

    [Fact]
    public void Unordered_value_thresholds_are_named_per_currency()
    {
        var errors = PolicyValidator.Validate(Policy.Default with
        {
            Thresholds = new PolicyThresholds
            {
                HighValueTxn = new CurrencyAmounts(1000) { Currencies = new() { ["JPY"] = 200_000 } },
                VeryHighValueTxn = new CurrencyAmounts(500) { Currencies = new() { ["JPY"] = 100_000 } },
            },
        });

        Assert.Equal(["thresholds.very_high_value_txn.currencies.JPY", "thresholds.very_high_value_txn.default"], errors.Keys.Order());
    }

    [Fact]
    public void Every_bad_threshold_is_named_at_once()
    {
        var errors = PolicyValidator.Validate(Policy.Default with
        {
            Thresholds = new PolicyThresholds
            {
                HighValueTxn = new CurrencyAmounts(-1) { Currencies = new() { ["EURO"] = 5 } },
                VelocityMaxActionsPerMinute = 0,
                ImpossibleTravelKmh = -900,
                AmountAnomalyFactor = 0.5m,
                RecentStepUpSeconds = -1,
                LockAfterDeclines = 0,
                NewDeviceStepUpLimit = HistoryLimits.PendingStepUps + 1, // beyond what a user's history counts
                NewDeviceStepUpWindowMinutes = 0,
            },
        });

        Assert.Equal(
        [
            "thresholds.amount_anomaly_factor", "thresholds.high_value_txn.currencies.EURO", "thresholds.high_value_txn.default",
            "thresholds.impossible_travel_kmh", "thresholds.lock_after_declines", "thresholds.new_device_step_up_limit",
            "thresholds.new_device_step_up_window_minutes", "thresholds.recent_step_up_seconds",
            "thresholds.velocity_max_actions_per_minute",
        ], errors.Keys.Order());
    }

    [Theory]
    [InlineData("1")]
    [InlineData("1000.01")]
    [InlineData("79228162514264337593543950335")]
    public void The_amount_anomaly_factor_is_above_1_and_at_most_1000(string factor)
    {
        var errors = PolicyValidator.Validate(Policy.Default with
        {
            Thresholds = new PolicyThresholds { AmountAnomalyFactor = decimal.Parse(factor, System.Globalization.CultureInfo.InvariantCulture) },
        });

        Assert.Equal(["thresholds.amount_anomaly_factor"], errors.Keys);
    }

    [Fact]
    public void The_provider_fallback_is_allow_or_block()
    {
        var errors = PolicyValidator.Validate(Policy.Default with { OnProviderUnavailable = new ProviderFallback { Active3D = Outcome.StepUp } });

        Assert.Equal(["on_provider_unavailable.active_3d"], errors.Keys);
    }
}
