namespace RiskEngine.Decisions;

[GenerateSerializer, Alias("Outcome")]
[JsonConverter(typeof(JsonStringEnumConverter<Outcome>))]
public enum Outcome : byte
{
    [JsonStringEnumMemberName("allow")] Allow,
    [JsonStringEnumMemberName("step_up")] StepUp,
    [JsonStringEnumMemberName("block")] Block,
}
