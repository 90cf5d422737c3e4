using RiskEngine.Geo;

namespace RiskEngine.Users;

/// <summary>
/// A step-up this user was sent to, with what its request looked like: when it is Approved, its
/// device, network and location become known as if the action had been allowed.
/// </summary>
/// <remarks>
/// A struct in the user's list, which the eight newest fill and then shift through in place: as a class, each step-up
/// left an object that a busy user's history, long in gen2, kept for eight more step-ups, so collections promoted it
/// (a tenth of what a gen1 collection promoted under load: BENCHMARKS.md). Histories stored with the class read back
/// the same: the serializer writes both alike.
/// </remarks>
[GenerateSerializer, Alias("PendingStepUp")]
public struct PendingStepUp
{
    /// <summary>The session as engines before <see cref="SessionRef"/> stored it.</summary>
    [Id(0)] public string? SessionId { get; init; }

    [Id(4)] private SessionRef _session;

    public required SessionRef Session
    {
        readonly get => SessionId is { } stored ? SessionRef.From(stored) : _session;
        init => _session = value;
    }

    [Id(1)] public required Observation Observation { get; init; }
    [Id(2)] public required StepUpMethod Method { get; init; }

    /// <summary>The last status applied to this user from that session, so a repeated delivery changes nothing.</summary>
    [Id(3)] public SessionStatus? Applied { get; set; }
}
