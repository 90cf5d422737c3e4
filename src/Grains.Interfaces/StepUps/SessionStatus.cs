namespace RiskEngine.StepUps;

/// <summary>Didit session statuses, spelled exactly as Didit spells them.</summary>
[GenerateSerializer, Alias("SessionStatus")]
[JsonConverter(typeof(JsonStringEnumConverter<SessionStatus>))]
public enum SessionStatus : byte
{
    [JsonStringEnumMemberName("Not Started")] NotStarted,
    [JsonStringEnumMemberName("In Progress")] InProgress,
    [JsonStringEnumMemberName("Approved")] Approved,
    [JsonStringEnumMemberName("Declined")] Declined,
    [JsonStringEnumMemberName("In Review")] InReview,
    [JsonStringEnumMemberName("Resubmitted")] Resubmitted,
    [JsonStringEnumMemberName("Expired")] Expired,
    [JsonStringEnumMemberName("Abandoned")] Abandoned,
    [JsonStringEnumMemberName("Kyc Expired")] KycExpired,
}
