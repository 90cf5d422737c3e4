namespace RiskEngine.StepUps;

/// <summary>
/// One status event for a step-up session: from a verified Didit webhook, or the engine's own expiry.
/// Identity for de-duplication: <see cref="EventId"/>, else status and time.
/// </summary>
[GenerateSerializer, Immutable, Alias("SessionEvent")]
public sealed record SessionEvent(
    [property: Id(0)] string? EventId,
    [property: Id(1)] SessionStatus Status,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] double? LivenessScore = null,
    [property: Id(4)] double? FaceSimilarity = null)
{
    public string Key => EventId ?? $"{Status}@{At.ToUnixTimeSeconds()}";
}
