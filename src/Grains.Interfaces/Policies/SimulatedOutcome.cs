namespace RiskEngine.Policies;

/// <summary>An outcome with its step-up method folded in: what a policy change can move a decision between.</summary>
[GenerateSerializer, Alias("SimulatedOutcome")]
[JsonConverter(typeof(JsonStringEnumConverter<SimulatedOutcome>))]
public enum SimulatedOutcome : byte
{
    [JsonStringEnumMemberName("allow")] Allow,
    [JsonStringEnumMemberName("step_up_passive")] StepUpPassive,
    [JsonStringEnumMemberName("step_up_active_3d")] StepUpActive3D,
    [JsonStringEnumMemberName("block")] Block,
}
