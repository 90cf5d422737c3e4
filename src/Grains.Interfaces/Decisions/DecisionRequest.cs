using System.Net;

namespace RiskEngine.Decisions;

/// <summary>
/// A validated decision request as the user grain receives it (the user id is the grain key).
/// <see cref="PortraitImage"/> is passed through to the identity provider and never stored.
/// </summary>
[GenerateSerializer, Immutable, Alias("DecisionRequest")]
public sealed record DecisionRequest(
    [property: Id(0)] UserAction Action,
    [property: Id(1)] string DeviceId,
    [property: Id(2)] IPAddress Ip,
    [property: Id(3)] decimal? Amount,
    [property: Id(4)] string? Currency,
    [property: Id(5)] DateTimeOffset OccurredAt,
    [property: Id(6)] string? IdempotencyKey = null,
    [property: Id(7)] string? PortraitImage = null,
    [property: Id(8)] string? UserAgent = null);
