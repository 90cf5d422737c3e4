namespace RiskEngine.StepUps;

/// <summary>What applying one event did to a session.</summary>
[GenerateSerializer, Alias("EventOutcome")]
[JsonConverter(typeof(JsonStringEnumConverter<EventOutcome>))]
public enum EventOutcome : byte
{
    /// <summary>The status moved.</summary>
    [JsonStringEnumMemberName("applied")] Applied,

    /// <summary>Same status as now: only scores may have changed.</summary>
    [JsonStringEnumMemberName("unchanged")] Unchanged,

    /// <summary>This event was applied before.</summary>
    [JsonStringEnumMemberName("duplicate")] Duplicate,

    /// <summary>Older than the current status: kept out so it cannot overwrite a newer one.</summary>
    [JsonStringEnumMemberName("stale")] Stale,

    /// <summary>The lifecycle does not lead from the current status to this one.</summary>
    [JsonStringEnumMemberName("rejected")] Rejected,
}
