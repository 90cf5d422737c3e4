namespace RiskEngine.Policies;

/// <summary>Fail-safe choice when storage is down: step up (with ACTIVE_3D), block, or refuse with 503.</summary>
[GenerateSerializer, Alias("StorageFallback")]
[JsonConverter(typeof(JsonStringEnumConverter<StorageFallback>))]
public enum StorageFallback : byte
{
    [JsonStringEnumMemberName("step_up")] StepUp,
    [JsonStringEnumMemberName("block")] Block,
    [JsonStringEnumMemberName("unavailable")] Unavailable,
}
