using RiskEngine.Geo;

namespace RiskEngine.Users;

/// <summary>
/// A step-up this user was sent to, with what its request looked like: when it is Approved, its
/// device, network and location become known as if the action had been allowed.
/// </summary>
[GenerateSerializer, Alias("PendingStepUp")]
public sealed class PendingStepUp
{
    /// <summary>The session as engines before <see cref="SessionRef"/> stored it.</summary>
    [Id(0)] public string? SessionId { get; init; }

    [Id(4)] private SessionRef _session;

    public required SessionRef Session
    {
        get => SessionId is { } stored ? SessionRef.From(stored) : _session;
        init => _session = value;
    }

    [Id(1)] public required Observation Observation { get; init; }
    [Id(2)] public required StepUpMethod Method { get; init; }

    /// <summary>The last status applied to this user from that session, so a repeated delivery changes nothing.</summary>
    [Id(3)] public SessionStatus? Applied { get; set; }
}
