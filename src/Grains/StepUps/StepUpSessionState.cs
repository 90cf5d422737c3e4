namespace RiskEngine.StepUps;

[GenerateSerializer, Alias("StepUpSessionState")]
public sealed class StepUpSessionState
{
    [Id(0)] public string? DecisionId { get; set; }
    [Id(1)] public string? UserId { get; set; }
    [Id(2)] public StepUpMethod? Method { get; set; }
    [Id(3)] public SessionStatus Status { get; set; }
    [Id(4)] public List<StatusChange> History { get; set; } = [];
    [Id(5)] public string? SessionUrl { get; set; }
    [Id(6)] public DateTimeOffset? CreatedAt { get; set; }
    [Id(7)] public DateTimeOffset? ExpiresAt { get; set; }
    [Id(8)] public double? LivenessScore { get; set; }
    [Id(9)] public double? FaceSimilarity { get; set; }
}
