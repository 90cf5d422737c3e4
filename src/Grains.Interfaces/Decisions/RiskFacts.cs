namespace RiskEngine.Decisions;

/// <summary>
/// Measurements of one request against the user's history, before any threshold is applied.
/// Thresholds, weights and bands belong to the policy, so the same facts can be judged by any policy
/// (a policy simulation keeps them for that: see <c>DecisionSampler</c>).
/// </summary>
[GenerateSerializer, Alias("RiskFacts")]
public struct RiskFacts
{
    [Id(0)] public UserAction Action;

    /// <summary>The user has no known device yet: nothing to compare against.</summary>
    [Id(1)] public bool FirstSeen;
    [Id(2)] public bool NewDevice;
    [Id(3)] public bool NewNetwork;
    [Id(4)] public bool NewCountry;
    [Id(5)] public bool NewAsn;
    [Id(6)] public bool AnonymousIp;
    [Id(7)] public bool GeoUnavailable;
    [Id(8)] public bool Locked;

    /// <summary>Great-circle distance from the last known location, in km (0 when unknown).</summary>
    [Id(9)] public double TravelKm;

    /// <summary>Time between the last known location's action and this one.</summary>
    [Id(10)] public TimeSpan TravelTime;

    /// <summary>The transfer amount (0 for other actions) and its currency.</summary>
    [Id(11)] public decimal Amount;
    [Id(12)] public string? Currency;

    /// <summary>Earlier allowed transfers in this currency and their mean.</summary>
    [Id(13)] public int PriorTransfers;
    [Id(14)] public decimal MeanTransfer;

    /// <summary>Actions within the last minute, this one included.</summary>
    [Id(15)] public int ActionsLastMinute;

    /// <summary>Transferred in this currency within 24 h, this transfer included.</summary>
    [Id(16)] public decimal Transferred24H;

    /// <summary>Time since this device's last Approved step-up of at least each method (MaxValue: never).</summary>
    [Id(17)] public TimeSpan SincePassiveApproval;
    [Id(18)] public TimeSpan SinceActive3DApproval;
}
