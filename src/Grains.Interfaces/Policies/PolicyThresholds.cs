using System.Text.Json;

namespace RiskEngine.Policies;

[GenerateSerializer, Immutable, Alias("PolicyThresholds")]
public sealed record PolicyThresholds
{
    [Id(0)] public CurrencyAmounts HighValueTxn { get; set; } = new(1_000m);
    [Id(1)] public CurrencyAmounts VeryHighValueTxn { get; set; } = new(10_000m);

    /// <summary>More actions than this within one minute is <c>velocity</c>.</summary>
    [Id(2)] public int VelocityMaxActionsPerMinute { get; set; } = 10;

    /// <summary>More than this transferred (in the request's currency) within 24 h is <c>velocity</c>.</summary>
    [Id(3), JsonPropertyName("velocity_max_amount_24h")]
    public CurrencyAmounts VelocityMaxAmount24H { get; set; } = new(20_000m);

    /// <summary>Speed from the last known location above which travel is impossible.</summary>
    [Id(4)] public double ImpossibleTravelKmh { get; set; } = 900;

    /// <summary>Shorter hops are ignored: city-level GeoIP is not precise enough to time them.</summary>
    [Id(5)] public double ImpossibleTravelMinKm { get; set; } = 100;

    /// <summary>A transfer above this multiple of the user's mean transfer is an <c>amount_anomaly</c>.</summary>
    [Id(6)] public decimal AmountAnomalyFactor { get; set; } = 3m;

    /// <summary>Earlier transfers (same currency) needed before an anomaly can be judged.</summary>
    [Id(7)] public int AmountAnomalyMinTransfers { get; set; } = 5;

    /// <summary>An Approved step-up from the same device this recent satisfies a new one (like OIDC max_age).</summary>
    [Id(8)] public int RecentStepUpSeconds { get; set; } = 300;

    /// <summary>This many consecutive Declined step-ups within the window lock the user.</summary>
    [Id(9)] public int LockAfterDeclines { get; set; } = 3;

    [Id(10)] public int LockWindowHours { get; set; } = 24;

    /// <summary>
    /// At most this many step-up sessions are opened for devices the user is not known on within the window; past it,
    /// such a step-up is a block with <c>velocity</c>. One account sent a new device id on every attempt would
    /// otherwise open a billed session each time, against the rate limit all the tenant's new step-ups share.
    /// </summary>
    [Id(11)] public int NewDeviceStepUpLimit { get; set; } = 5;

    [Id(12)] public int NewDeviceStepUpWindowMinutes { get; set; } = 10;

    [JsonExtensionData]
    [field: NonSerialized]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
