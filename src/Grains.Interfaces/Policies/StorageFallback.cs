namespace RiskEngine.Policies;

/// <summary>
/// What a decision answers when the user's history cannot be reached (storage or cluster down): block,
/// with reason <c>storage_unavailable</c>, or 503 with Retry-After so the platform retries. A step-up is no
/// fallback: it needs a session, and a session needs storage.
/// </summary>
[GenerateSerializer, Alias("StorageFallback")]
[JsonConverter(typeof(JsonStringEnumConverter<StorageFallback>))]
public enum StorageFallback : byte
{
    [JsonStringEnumMemberName("unavailable")] Unavailable,
    [JsonStringEnumMemberName("block")] Block,
}
