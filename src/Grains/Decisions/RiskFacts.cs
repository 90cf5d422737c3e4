namespace RiskEngine.Decisions;

/// <summary>
/// Measurements of one request against the user's history, before any threshold is applied.
/// Thresholds, weights and bands belong to the policy, so the same facts can be judged by any policy.
/// </summary>
public struct RiskFacts
{
    public UserAction Action;

    /// <summary>The user has no known device yet: nothing to compare against.</summary>
    public bool FirstSeen;
    public bool NewDevice;
    public bool NewNetwork;
    public bool NewCountry;
    public bool NewAsn;
    public bool AnonymousIp;
    public bool GeoUnavailable;
    public bool Locked;

    /// <summary>Great-circle distance from the last known location, in km (0 when unknown).</summary>
    public double TravelKm;

    /// <summary>Time between the last known location's action and this one.</summary>
    public TimeSpan TravelTime;

    /// <summary>The transfer amount (0 for other actions) and its currency.</summary>
    public decimal Amount;
    public string? Currency;

    /// <summary>Earlier allowed transfers in this currency and their mean.</summary>
    public int PriorTransfers;
    public decimal MeanTransfer;

    /// <summary>Actions within the last minute, this one included.</summary>
    public int ActionsLastMinute;

    /// <summary>Transferred in this currency within 24 h, this transfer included.</summary>
    public decimal Transferred24H;

    /// <summary>Time since this device's last Approved step-up of at least each method (MaxValue: never).</summary>
    public TimeSpan SincePassiveApproval;
    public TimeSpan SinceActive3DApproval;
}
