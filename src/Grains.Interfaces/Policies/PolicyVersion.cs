namespace RiskEngine.Policies;

/// <summary>One kept version of a tenant's policy: when it was saved, and by whom (both null for the built-in version 0).</summary>
[GenerateSerializer, Immutable, Alias("PolicyVersion")]
public sealed record PolicyVersion([property: Id(0)] int Version, [property: Id(1)] DateTimeOffset? SavedAt, [property: Id(2)] string? SavedBy);
