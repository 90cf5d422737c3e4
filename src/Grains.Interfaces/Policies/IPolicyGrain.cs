namespace RiskEngine.Policies;

/// <summary>A tenant's versioned policy. Key: the tenant id.</summary>
[Alias("IPolicyGrain")]
public interface IPolicyGrain : IGrainWithStringKey
{
    /// <summary>The current policy; <see cref="Policy.Default"/> (version 0) until one is saved.</summary>
    [ReadOnly, Alias("Get")]
    Task<Policy> GetAsync();

    /// <summary>A kept version (0: the built-in default); null for one never saved or no longer kept.</summary>
    [ReadOnly, Alias("GetVersion")]
    Task<Policy?> GetVersionAsync(int version);

    /// <summary>The kept versions, newest first, down to the built-in version 0.</summary>
    [ReadOnly, Alias("Versions")]
    Task<IReadOnlyList<PolicyVersion>> VersionsAsync();

    /// <summary>
    /// What a validated candidate would decide on the tenant's decisions of the last <paramref name="hours"/> (1–24;
    /// the quarter hour under way and those before it), beside the current policy; nothing is saved.
    /// </summary>
    [ReadOnly, Alias("Simulate")]
    Task<PolicySimulation> SimulateAsync(Policy candidate, int hours);

    /// <summary>
    /// Saves a validated policy as the next version, recording who saved it, and returns it as stored. With
    /// <paramref name="ifVersion"/>, only on top of that version.
    /// </summary>
    /// <exception cref="PolicyVersionConflictException"><paramref name="ifVersion"/> is no longer the current version.</exception>
    [Alias("Save")]
    Task<Policy> SaveAsync(Policy policy, string savedBy, int? ifVersion);
}
