namespace RiskEngine.Policies;

[GenerateSerializer, Alias("PolicyState")]
public sealed class PolicyState
{
    /// <summary>Versions kept before the current one: enough to read what any recent decision was decided under.</summary>
    public const int KeptVersions = 50;

    // Its own instance: a shared default would be exposed to anything that populates state in place.
    [Id(0)] public Policy Current { get; set; } = new();

    /// <summary>The saved versions before <see cref="Current"/>, oldest first, at most <see cref="KeptVersions"/>.</summary>
    [Id(1)] public List<Policy> Previous { get; set; } = [];

    public void Save(Policy candidate, DateTimeOffset at, string by)
    {
        if (Current.Version > 0) Previous.Add(Current);
        if (Previous.Count > KeptVersions) Previous.RemoveRange(0, Previous.Count - KeptVersions);
        Current = candidate with { Version = Current.Version + 1, UpdatedAt = at, UpdatedBy = by };
    }

    public Policy? Get(int version) => version == 0 ? Policy.Default
        : version == Current.Version ? Current
        : Previous.Find(p => p.Version == version);

    public IReadOnlyList<PolicyVersion> Versions() =>
        [.. Previous.Append(Current).Where(p => p.Version > 0).Reverse().Select(p => new PolicyVersion(p.Version, p.UpdatedAt, p.UpdatedBy)),
            new PolicyVersion(0, null, null)];
}
