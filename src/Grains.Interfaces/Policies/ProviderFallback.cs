using System.Text.Json;
using RiskEngine.Decisions;

namespace RiskEngine.Policies;

/// <summary>The outcome (allow or block) when a step-up of a method is needed but the provider is down.</summary>
[GenerateSerializer, Immutable, Alias("ProviderFallback")]
public sealed record ProviderFallback
{
    [Id(0)] public Outcome Passive { get; set; } = Outcome.Block;

    [Id(1), JsonPropertyName("active_3d")] public Outcome Active3D { get; set; } = Outcome.Block;

    [JsonExtensionData]
    [field: NonSerialized]
    public Dictionary<string, JsonElement>? Unknown { get; set; }

    public Outcome For(StepUpMethod method) => method == StepUpMethod.Active3D ? Active3D : Passive;
}
