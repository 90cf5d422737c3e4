namespace RiskEngine.Api.Decisions;

/// <summary>
/// The JSON body of <c>POST /v1/decisions</c>, every field optional and loosely typed so that
/// <see cref="DecisionRequestValidator"/> can name each bad field rather than stop at the first.
/// </summary>
public sealed record DecisionRequestBody(
    string? UserId = null,
    string? Action = null,
    string? DeviceId = null,
    string? Ip = null,
    decimal? Amount = null,
    string? Currency = null,
    string? UserAgent = null,
    DateTimeOffset? OccurredAt = null,
    string? IdempotencyKey = null,
    string? PortraitImage = null)
{
    // A portrait is a biometric: never let it reach a log line through ToString.
    public override string ToString() =>
        $"{nameof(DecisionRequestBody)} {{ Action = {Action}, HasPortrait = {PortraitImage is not null} }}";
}
