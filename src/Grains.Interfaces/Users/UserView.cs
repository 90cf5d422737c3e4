namespace RiskEngine.Users;

/// <summary>
/// What the engine keeps of one user, as support and risk staff read it (is the user locked, since which declines,
/// what is known of them, who last unlocked them) and as a data-subject access request returns it. Devices are kept only as hashes of their
/// ids, so only their number is shown.
/// </summary>
[GenerateSerializer, Immutable, Alias("UserView")]
public sealed record UserView(
    [property: Id(0)] bool Locked,
    [property: Id(1)] IReadOnlyList<DateTime> DeclinesSinceApproval,
    [property: Id(2)] int KnownDevices,
    [property: Id(3)] IReadOnlyList<KnownValue> Networks,
    [property: Id(4)] IReadOnlyList<KnownValue> Countries,
    [property: Id(5)] IReadOnlyList<KnownValue> Asns,
    [property: Id(6)] LastLocation? LastLocation,
    [property: Id(7)] IReadOnlyList<TransferHabit> Transfers,
    [property: Id(8)] IReadOnlyList<string> PendingStepUps,
    [property: Id(9)] IReadOnlyList<string> StepUpSessions,
    [property: Id(10)] DateTime? UnlockedAt,
    [property: Id(11)] string? UnlockedBy)
{
    /// <summary>
    /// Until when a step-up from a device the user is not known on is blocked (<c>velocity</c>): their new devices
    /// opened the policy's limit of sessions within its window. Null when it is not.
    /// </summary>
    [Id(12)] public DateTime? NewDevicesHeldUntil { get; init; }
}
