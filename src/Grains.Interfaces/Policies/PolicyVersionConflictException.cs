namespace RiskEngine.Policies;

/// <summary>A save made on top of a version that is no longer the current one: someone saved in between.</summary>
[GenerateSerializer, Alias("PolicyVersionConflictException")]
public sealed class PolicyVersionConflictException(int expected, int current)
    : Exception($"The policy is at version {current}, not {expected}: read it again and make the change on that.");
