using RiskEngine.Geo;
using RiskEngine.Users;

namespace RiskEngine.Tests.Users;

public sealed class UserProfileTests
{
    private static readonly DateTime T0 = new(2026, 11, 28, 13, 0, 0, DateTimeKind.Utc);
    private static readonly Evaluation Allowed = new(Outcome.Allow, null, 0, ReasonSet.Empty);
    private static readonly Evaluation SteppedUp = new(Outcome.StepUp, StepUpMethod.Passive, 60, ReasonSet.Empty);
    private static readonly Evaluation Blocked = new(Outcome.Block, null, 100, ReasonSet.Empty);

    private static Observation Seen(string device = "dev-1", string ip = "81.2.69.142", DateTime? at = null,
        UserAction action = UserAction.Login, decimal amount = 0, string? currency = null, string? country = "GB",
        uint asn = 0, GeoPoint? location = null) =>
        new(action, Observation.DeviceKey(device), NetworkPrefix.Of(IPAddress.Parse(ip)), country, asn, location, false,
            amount, currency, at ?? T0);

    private static UserProfile WithKnown(Observation o)
    {
        var profile = new UserProfile();
        profile.Record(in o, in Allowed, null);
        return profile;
    }

    [Fact]
    public void A_user_without_history_is_first_seen_and_nothing_is_new()
    {
        var facts = new UserProfile().Measure(Seen());

        Assert.True(facts.FirstSeen);
        Assert.False(facts.NewDevice || facts.NewNetwork || facts.NewCountry || facts.NewAsn);
    }

    [Fact]
    public void An_allowed_action_makes_its_device_and_network_known()
    {
        var profile = WithKnown(Seen());

        var facts = profile.Measure(Seen(at: T0.AddHours(1)));

        Assert.False(facts.FirstSeen || facts.NewDevice || facts.NewNetwork);
    }

    [Fact]
    public void A_stepped_up_action_does_not_make_its_device_known()
    {
        var profile = WithKnown(Seen());
        var attempt = Seen(device: "dev-2", ip: "89.160.20.112");
        profile.Record(in attempt, in SteppedUp, "session-1");

        var facts = profile.Measure(Seen(device: "dev-2", ip: "89.160.20.112", at: T0.AddMinutes(1)));

        Assert.True(facts.NewDevice);
        Assert.True(facts.NewNetwork);
    }

    [Fact]
    public void An_approved_step_up_makes_its_device_and_network_known()
    {
        var profile = WithKnown(Seen());
        var attempt = Seen(device: "dev-2", ip: "89.160.20.112", country: "SE");
        profile.Record(in attempt, in SteppedUp, "session-1");

        Assert.True(profile.ApplyStepUp("session-1", SessionStatus.Approved, T0.AddMinutes(2), new PolicyThresholds()));
        var facts = profile.Measure(Seen(device: "dev-2", ip: "89.160.20.112", country: "SE", at: T0.AddMinutes(3)));

        Assert.False(facts.NewDevice || facts.NewNetwork || facts.NewCountry);
        Assert.Equal(TimeSpan.FromMinutes(1), facts.SincePassiveApproval);
        Assert.Equal(TimeSpan.MaxValue, facts.SinceActive3DApproval);
    }

    [Fact]
    public void The_same_network_is_the_ipv4_slash_24_or_the_ipv6_slash_64()
    {
        var profile = WithKnown(Seen(ip: "81.2.69.142"));
        profile.Record(Seen(ip: "2001:db8:1:2::1"), in Allowed, null);

        Assert.False(profile.Measure(Seen(ip: "81.2.69.7")).NewNetwork);
        Assert.True(profile.Measure(Seen(ip: "81.2.70.142")).NewNetwork);
        Assert.False(profile.Measure(Seen(ip: "2001:db8:1:2:ffff::9")).NewNetwork);
        Assert.True(profile.Measure(Seen(ip: "2001:db8:1:3::1")).NewNetwork);
        Assert.False(profile.Measure(Seen(ip: "::ffff:81.2.69.1")).NewNetwork);
    }

    [Fact]
    public void Device_history_is_bounded_and_forgets_the_least_recently_seen()
    {
        var profile = WithKnown(Seen(device: "dev-0"));
        for (var i = 1; i <= HistoryLimits.Devices; i++)
            profile.Record(Seen(device: $"dev-{i}", at: T0.AddMinutes(i)), in Allowed, null);

        Assert.Equal(HistoryLimits.Devices, profile.Devices.Count);
        Assert.True(profile.Measure(Seen(device: "dev-0")).NewDevice);
        Assert.False(profile.Measure(Seen(device: "dev-1")).NewDevice);
    }

    [Fact]
    public void Seeing_a_known_device_again_keeps_it_from_eviction()
    {
        var profile = WithKnown(Seen(device: "dev-0"));
        for (var i = 1; i < HistoryLimits.Devices; i++)
            profile.Record(Seen(device: $"dev-{i}", at: T0.AddMinutes(i)), in Allowed, null);
        profile.Record(Seen(device: "dev-0", at: T0.AddHours(2)), in SteppedUp, null); // touched, even when not allowed

        profile.Record(Seen(device: "dev-new", at: T0.AddHours(3)), in Allowed, null);

        Assert.False(profile.Measure(Seen(device: "dev-0")).NewDevice);
        Assert.True(profile.Measure(Seen(device: "dev-1")).NewDevice);
    }

    [Fact]
    public void New_country_and_asn_are_judged_only_against_a_history_that_has_them()
    {
        var profile = WithKnown(Seen(country: null, asn: 0));
        Assert.False(profile.Measure(Seen(country: "SE", asn: 1221)).NewCountry);

        profile.Record(Seen(country: "GB", asn: 7018), in Allowed, null);
        var facts = profile.Measure(Seen(country: "SE", asn: 1221));

        Assert.True(facts.NewCountry);
        Assert.True(facts.NewAsn);
    }

    [Fact]
    public void Travel_is_measured_from_the_last_allowed_location()
    {
        var boxford = new GeoPoint(51.75, -1.25);
        var changchun = new GeoPoint(43.88, 125.3228);
        var profile = WithKnown(Seen(location: boxford));

        var facts = profile.Measure(Seen(location: changchun, at: T0.AddMinutes(10)));

        Assert.InRange(facts.TravelKm, 7_500, 8_500);
        Assert.Equal(TimeSpan.FromMinutes(10), facts.TravelTime);
    }

    [Fact]
    public void Actions_are_counted_over_the_last_minute_including_this_one()
    {
        var profile = WithKnown(Seen());
        for (var s = 1; s <= 5; s++) profile.Record(Seen(at: T0.AddSeconds(s * 10)), in Blocked, null);

        Assert.Equal(7, profile.Measure(Seen(at: T0.AddSeconds(55))).ActionsLastMinute);
        Assert.Equal(5, profile.Measure(Seen(at: T0.AddSeconds(75))).ActionsLastMinute);
    }

    [Fact]
    public void Transfers_sum_over_24_hours_in_their_own_currency_and_blocked_ones_do_not_count()
    {
        var profile = WithKnown(Seen());
        profile.Record(Seen(action: UserAction.Transfer, amount: 8000, currency: "EUR", at: T0), in Allowed, null);
        profile.Record(Seen(action: UserAction.Transfer, amount: 9000, currency: "EUR", at: T0.AddHours(1)), in SteppedUp, "s");
        profile.Record(Seen(action: UserAction.Transfer, amount: 50000, currency: "EUR", at: T0.AddHours(2)), in Blocked, null);
        profile.Record(Seen(action: UserAction.Transfer, amount: 7000, currency: "USD", at: T0.AddHours(2)), in Allowed, null);

        Assert.Equal(18_000, profile.Measure(Seen(action: UserAction.Transfer, amount: 1000, currency: "EUR", at: T0.AddHours(3))).Transferred24H);
        Assert.Equal(10_000, profile.Measure(Seen(action: UserAction.Transfer, amount: 1000, currency: "EUR", at: T0.AddHours(24.5))).Transferred24H);
    }

    [Fact]
    public void A_flood_of_transfers_over_the_bound_is_never_under_counted()
    {
        var profile = WithKnown(Seen());
        for (var i = 0; i < 100; i++)
            profile.Record(Seen(action: UserAction.Transfer, amount: 100, currency: "EUR", at: T0.AddMinutes(i)), in Allowed, null);

        var facts = profile.Measure(Seen(action: UserAction.Transfer, amount: 100, currency: "EUR", at: T0.AddHours(2)));

        Assert.Equal(HistoryLimits.RecentTransfers, profile.RecentTransfers.Count);
        Assert.Equal(10_100, facts.Transferred24H);
    }

    [Fact]
    public void The_usual_transfer_is_the_mean_of_allowed_transfers_in_that_currency()
    {
        var profile = WithKnown(Seen());
        foreach (var amount in new[] { 100m, 200m, 300m })
            profile.Record(Seen(action: UserAction.Transfer, amount: amount, currency: "EUR"), in Allowed, null);
        profile.Record(Seen(action: UserAction.Transfer, amount: 5000, currency: "EUR"), in SteppedUp, "s");

        var facts = profile.Measure(Seen(action: UserAction.Transfer, amount: 900, currency: "EUR"));

        Assert.Equal(3, facts.PriorTransfers);
        Assert.Equal(200, facts.MeanTransfer);
    }

    [Fact]
    public void Three_declines_within_24_hours_lock_the_user()
    {
        var profile = ProfileWithPending(3);
        var thresholds = new PolicyThresholds();

        profile.ApplyStepUp("s0", SessionStatus.Declined, T0, thresholds);
        profile.ApplyStepUp("s1", SessionStatus.Declined, T0.AddHours(1), thresholds);
        Assert.False(profile.Locked);
        profile.ApplyStepUp("s2", SessionStatus.Declined, T0.AddHours(2), thresholds);

        Assert.True(profile.Locked);
        Assert.True(profile.Measure(Seen()).Locked);
    }

    [Fact]
    public void Declines_spread_over_more_than_24_hours_do_not_lock()
    {
        var profile = ProfileWithPending(3);
        var thresholds = new PolicyThresholds();

        profile.ApplyStepUp("s0", SessionStatus.Declined, T0, thresholds);
        profile.ApplyStepUp("s1", SessionStatus.Declined, T0.AddHours(13), thresholds);
        profile.ApplyStepUp("s2", SessionStatus.Declined, T0.AddHours(25), thresholds);

        Assert.False(profile.Locked);
    }

    [Fact]
    public void The_same_decline_delivered_twice_counts_once()
    {
        var profile = ProfileWithPending(2);
        var thresholds = new PolicyThresholds { LockAfterDeclines = 2 };

        Assert.True(profile.ApplyStepUp("s0", SessionStatus.Declined, T0, thresholds));
        Assert.False(profile.ApplyStepUp("s0", SessionStatus.Declined, T0, thresholds));

        Assert.False(profile.Locked);
    }

    [Fact]
    public void An_approved_re_enrolment_unlocks_and_clears_the_declines()
    {
        var profile = ProfileWithPending(4);
        var thresholds = new PolicyThresholds();
        for (var i = 0; i < 3; i++) profile.ApplyStepUp($"s{i}", SessionStatus.Declined, T0.AddMinutes(i), thresholds);
        Assert.True(profile.Locked);

        profile.ApplyStepUp("s3", SessionStatus.Approved, T0.AddMinutes(10), thresholds);

        Assert.False(profile.Locked);
        Assert.Empty(profile.Declines);
    }

    [Fact]
    public void An_operators_unlock_lifts_the_lock_and_keeps_who_did_it_and_when_through_storage()
    {
        var profile = ProfileWithPending(3);
        for (var i = 0; i < 3; i++) profile.ApplyStepUp($"s{i}", SessionStatus.Declined, T0.AddMinutes(i), new PolicyThresholds());

        Assert.True(profile.Unlock(T0.AddHours(1), "support-desk"));
        var read = StorageSerializer.Instance.Deserialize<UserProfile>(StorageSerializer.Instance.Serialize(profile))!.View()!;

        Assert.Equal((false, 0), (read.Locked, read.DeclinesSinceApproval.Count));
        Assert.Equal((T0.AddHours(1), "support-desk"), (read.UnlockedAt, read.UnlockedBy));
    }

    [Fact]
    public void Unlocking_a_user_with_nothing_to_lift_records_nothing()
    {
        var profile = WithKnown(Seen());

        Assert.False(profile.Unlock(T0, "support-desk"));
        Assert.Equal((null, null), (profile.UnlockedAt, profile.UnlockedBy));
    }

    [Fact]
    public void A_status_for_a_session_the_user_never_had_changes_nothing()
    {
        var profile = WithKnown(Seen());

        Assert.False(profile.ApplyStepUp("unknown", SessionStatus.Approved, T0, new PolicyThresholds()));
    }

    private static UserProfile ProfileWithPending(int sessions)
    {
        var profile = WithKnown(Seen());
        for (var i = 0; i < sessions; i++) profile.Record(Seen(device: $"attacker-{i}"), in SteppedUp, $"s{i}");
        return profile;
    }

    [Fact]
    public void A_repeated_step_up_finds_the_newest_unanswered_one_from_the_same_device_and_network()
    {
        var profile = WithKnown(Seen());
        var laptop = Seen(device: "laptop", ip: "89.160.20.112");
        profile.Record(in laptop, in SteppedUp, "s-1");
        profile.Record(in laptop, in SteppedUp, "s-2");
        profile.Record(Seen(device: "laptop", ip: "81.2.69.142"), in SteppedUp, "s-3");

        Assert.Equal("s-2", profile.Unanswered(in laptop, StepUpMethod.Passive)?.Session.ToString());
        Assert.Null(profile.Unanswered(in laptop, StepUpMethod.Active3D)); // a weaker one does not do
        Assert.Null(profile.Unanswered(Seen(device: "tablet", ip: "89.160.20.112"), StepUpMethod.Passive));

        profile.ApplyStepUp("s-2", SessionStatus.Declined, T0, new PolicyThresholds());
        Assert.Equal("s-1", profile.Unanswered(in laptop, StepUpMethod.Passive)?.Session.ToString());
    }

    [Fact]
    public void A_stronger_unanswered_step_up_does_for_a_weaker_one()
    {
        var profile = WithKnown(Seen());
        var laptop = Seen(device: "laptop", ip: "89.160.20.112");
        profile.Record(in laptop, SteppedUp with { Method = StepUpMethod.Active3D }, "s-1");

        Assert.Equal(("s-1", StepUpMethod.Active3D), profile.Unanswered(in laptop, StepUpMethod.Passive) is { } p ? (p.Session.ToString(), p.Method) : default);
    }

    [Fact]
    public void New_devices_step_up_up_to_the_limit_within_the_window_and_known_devices_always()
    {
        var profile = WithKnown(Seen());
        var limits = new PolicyThresholds { NewDeviceStepUpLimit = 3, NewDeviceStepUpWindowMinutes = 10 };
        for (var i = 0; i < 3; i++)
        {
            var attempt = Seen(device: $"made-up-{i}", at: T0.AddMinutes(i));
            Assert.False(profile.NewDeviceStepUpLimitReached(in attempt, limits));
            profile.Record(in attempt, in SteppedUp, $"s-{i}");
        }

        Assert.True(profile.NewDeviceStepUpLimitReached(Seen(device: "made-up-3", at: T0.AddMinutes(3)), limits));
        Assert.True(profile.NewDeviceStepUpLimitReached(Seen(device: "made-up-0", at: T0.AddMinutes(3)), limits)); // a retry too
        Assert.False(profile.NewDeviceStepUpLimitReached(Seen(at: T0.AddMinutes(3)), limits)); // the known phone
        Assert.False(profile.NewDeviceStepUpLimitReached(Seen(device: "made-up-3", at: T0.AddMinutes(10)), limits)); // the first left the window
        Assert.Equal(T0.AddMinutes(10), profile.NewDeviceStepUpsHeldUntil(T0.AddMinutes(3), limits));
    }

    [Fact]
    public void New_devices_are_held_until_the_oldest_of_the_newest_sessions_counted_leaves_the_window_even_out_of_order()
    {
        var profile = WithKnown(Seen());
        var limits = new PolicyThresholds { NewDeviceStepUpLimit = 2, NewDeviceStepUpWindowMinutes = 10 };
        foreach (var (device, minute) in new[] { ("a", 1), ("b", 5), ("c", 3) }) // occurred_at as a platform sent them
            profile.Record(Seen(device: device, at: T0.AddMinutes(minute)), in SteppedUp, $"s-{device}");

        Assert.Equal(T0.AddMinutes(13), profile.NewDeviceStepUpsHeldUntil(T0.AddMinutes(6), limits)); // "c" and "b" hold it
        Assert.Null(profile.NewDeviceStepUpsHeldUntil(T0.AddMinutes(13), limits));
    }

    [Fact]
    public void A_new_device_whose_step_up_was_approved_no_longer_counts_toward_the_limit()
    {
        var profile = WithKnown(Seen());
        var limits = new PolicyThresholds { NewDeviceStepUpLimit = 2 };
        profile.Record(Seen(device: "laptop"), in SteppedUp, "s-laptop");
        profile.Record(Seen(device: "tablet"), in SteppedUp, "s-tablet");
        var next = Seen(device: "new-phone", at: T0.AddMinutes(1));
        Assert.True(profile.NewDeviceStepUpLimitReached(in next, limits));

        profile.ApplyStepUp("s-laptop", SessionStatus.Approved, T0, limits);

        Assert.False(profile.NewDeviceStepUpLimitReached(in next, limits));
    }

    [Fact]
    public void A_transfer_is_remembered_with_the_code_lists_own_currency_string_not_the_requests()
    {
        var fromJson = new string("EUR".AsSpan()); // as the request's body deserialises it: a string of its own
        var request = new DecisionRequest(UserAction.Transfer, "dev-1", IPAddress.Parse("81.2.69.142"), 25m, fromJson, T0);

        var o = Observation.From(request, default);

        Assert.Equal("EUR", o.Currency);
        Assert.Same(Iso4217.Canonical("EUR"), o.Currency);
        Assert.NotSame(fromJson, o.Currency);
    }
}
