namespace RiskEngine.StepUps;

/// <summary>
/// A status-change callback the platform has not yet acknowledged: which, how many attempts failed, when the next one
/// is, and why the last one failed (<c>HTTP 503</c>, <c>HttpRequestException (ConnectionRefused)</c>, <c>timeout</c>).
/// </summary>
[GenerateSerializer, Immutable, Alias("PendingCallback")]
public sealed record PendingCallback(
    [property: Id(0)] string EventId,
    [property: Id(1)] SessionStatus Status,
    [property: Id(2)] int Attempts,
    [property: Id(3)] DateTimeOffset NextAttemptAt,
    [property: Id(4)] string? LastError);
