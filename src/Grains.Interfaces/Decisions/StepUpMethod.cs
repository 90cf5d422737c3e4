namespace RiskEngine.Decisions;

/// <summary>Didit liveness method; a larger value is a stronger method.</summary>
[GenerateSerializer, Alias("StepUpMethod")]
[JsonConverter(typeof(JsonStringEnumConverter<StepUpMethod>))]
public enum StepUpMethod : byte
{
    [JsonStringEnumMemberName("PASSIVE")] Passive = 1,
    [JsonStringEnumMemberName("ACTIVE_3D")] Active3D = 2,
}
