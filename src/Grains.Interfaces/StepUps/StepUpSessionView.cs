using RiskEngine.Decisions;

namespace RiskEngine.StepUps;

/// <summary>A step-up session as <c>GET /v1/step-ups/{session_id}</c> shows it, with its callbacks still to deliver.</summary>
[GenerateSerializer, Immutable, Alias("StepUpSessionView")]
public sealed record StepUpSessionView(
    [property: Id(0)] string SessionId,
    [property: Id(1)] string? DecisionId,
    [property: Id(2)] string? UserId,
    [property: Id(3)] StepUpMethod? Method,
    [property: Id(4)] SessionStatus Status,
    [property: Id(5)] StatusChange[] History,
    [property: Id(6)] double? LivenessScore,
    [property: Id(7)] double? FaceSimilarity,
    [property: Id(8)] DateTimeOffset? ExpiresAt,
    PendingCallback[] PendingCallbacks)
{
    // A silo of the version before sends no field 9 (a rolling upgrade): its views then show none pending.
    [Id(9)] private readonly PendingCallback[]? _pendingCallbacks = PendingCallbacks;

    public PendingCallback[] PendingCallbacks => _pendingCallbacks ?? [];
}
