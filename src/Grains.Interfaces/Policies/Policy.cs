using System.Text.Json;
using RiskEngine.Decisions;

namespace RiskEngine.Policies;

/// <summary>
/// A tenant's risk policy: weights, score bands, per-action floors and thresholds. Every number of
/// SPEC's decision model lives here; a property left out of a document takes the built-in default.
/// </summary>
[GenerateSerializer, Immutable, Alias("Policy")]
public sealed record Policy
{
    /// <summary>The built-in policy (version 0); a new instance each time, so nobody can change it for others.</summary>
    public static Policy Default => new();

    /// <summary>0 for the built-in default; each saved document gets the next number.</summary>
    [Id(0)] public int Version { get; set; }

    [Id(1)] public SignalWeights Weights { get; set; } = new();

    [Id(2)] public ScoreBand[] Bands { get; set; } =
    [
        new(0, 39, Outcome.Allow),
        new(40, 69, Outcome.StepUp, StepUpMethod.Passive),
        new(70, 100, Outcome.StepUp, StepUpMethod.Active3D),
    ];

    [Id(3)] public ActionFloors Floors { get; set; } = new();

    [Id(4)] public PolicyThresholds Thresholds { get; set; } = new();

    /// <summary>What a decision does when it needs a step-up and the identity provider cannot be reached.</summary>
    [Id(5)] public ProviderFallback OnProviderUnavailable { get; set; } = new();

    /// <summary>What a decision does when the user's history cannot be read or written.</summary>
    [Id(6)] public StorageFallback OnStorageUnavailable { get; set; } = StorageFallback.Unavailable;

    [Id(7)] public DateTimeOffset? UpdatedAt { get; set; }

    /// <summary>Who saved this version: the name of the API key that saved it. Set by the engine, like the version.</summary>
    [Id(8)] public string? UpdatedBy { get; set; }

    /// <summary>Fields a document named that the policy does not know; validation reports each.</summary>
    [JsonExtensionData]
    [field: NonSerialized]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
