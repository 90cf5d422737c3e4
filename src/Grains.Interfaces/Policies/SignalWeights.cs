using System.Text.Json;
using RiskEngine.Decisions;

namespace RiskEngine.Policies;

/// <summary>Points each signal adds to the risk score (the sum is capped at 100).</summary>
[GenerateSerializer, Immutable, Alias("SignalWeights")]
public sealed record SignalWeights
{
    /// <summary>The reasons that carry a weight, in the order documents list them.</summary>
    public static readonly Reason[] Signals =
    [
        Reason.FirstSeen, Reason.NewDevice, Reason.NewIp, Reason.NewCountry, Reason.NewAsn,
        Reason.AnonymousIp, Reason.ImpossibleTravel, Reason.HighValueTxn, Reason.VeryHighValueTxn,
        Reason.AmountAnomaly, Reason.Velocity, Reason.GeoUnavailable,
    ];

    [Id(0)] public int FirstSeen { get; set; }
    [Id(1)] public int NewDevice { get; set; } = 40;
    [Id(2)] public int NewIp { get; set; } = 20;
    [Id(3)] public int NewCountry { get; set; } = 20;
    [Id(4)] public int NewAsn { get; set; } = 10;
    [Id(5)] public int AnonymousIp { get; set; } = 40;
    [Id(6)] public int ImpossibleTravel { get; set; } = 60;
    [Id(7)] public int HighValueTxn { get; set; } = 40;
    [Id(8)] public int VeryHighValueTxn { get; set; } = 70;
    [Id(9)] public int AmountAnomaly { get; set; } = 20;
    [Id(10)] public int Velocity { get; set; } = 30;
    [Id(11)] public int GeoUnavailable { get; set; }

    /// <summary>Signal names a document used that are not signals; validation reports each.</summary>
    [JsonExtensionData]
    [field: NonSerialized]
    public Dictionary<string, JsonElement>? Unknown { get; set; }

    public int Of(Reason signal) => signal switch
    {
        Reason.FirstSeen => FirstSeen,
        Reason.NewDevice => NewDevice,
        Reason.NewIp => NewIp,
        Reason.NewCountry => NewCountry,
        Reason.NewAsn => NewAsn,
        Reason.AnonymousIp => AnonymousIp,
        Reason.ImpossibleTravel => ImpossibleTravel,
        Reason.HighValueTxn => HighValueTxn,
        Reason.VeryHighValueTxn => VeryHighValueTxn,
        Reason.AmountAnomaly => AmountAnomaly,
        Reason.Velocity => Velocity,
        Reason.GeoUnavailable => GeoUnavailable,
        _ => 0,
    };
}
