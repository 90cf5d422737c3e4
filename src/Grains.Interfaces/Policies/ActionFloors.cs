using System.Text.Json;
using RiskEngine.Decisions;

namespace RiskEngine.Policies;

/// <summary>The weakest step-up an action gets whatever its score (null: none).</summary>
[GenerateSerializer, Immutable, Alias("ActionFloors")]
public sealed record ActionFloors
{
    [Id(0)] public StepUpMethod? Login { get; set; }
    [Id(1)] public StepUpMethod? Transfer { get; set; }
    [Id(2)] public StepUpMethod? SettingsChange { get; set; } = StepUpMethod.Passive;
    [Id(3)] public StepUpMethod? AccountRecovery { get; set; } = StepUpMethod.Active3D;

    [JsonExtensionData]
    [field: NonSerialized]
    public Dictionary<string, JsonElement>? Unknown { get; set; }

    public StepUpMethod? For(UserAction action) => action switch
    {
        UserAction.Login => Login,
        UserAction.Transfer => Transfer,
        UserAction.SettingsChange => SettingsChange,
        UserAction.AccountRecovery => AccountRecovery,
        _ => null,
    };
}
