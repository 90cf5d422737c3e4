namespace RiskEngine.Policies;

/// <summary>A tenant's versioned policy. Key: the tenant id.</summary>
[Alias("IPolicyGrain")]
public interface IPolicyGrain : IGrainWithStringKey
{
    /// <summary>The current policy; <see cref="Policy.Default"/> (version 0) until one is saved.</summary>
    [ReadOnly, Alias("Get")]
    Task<Policy> GetAsync();

    /// <summary>Saves a validated policy as the next version and returns it as stored.</summary>
    [Alias("Save")]
    Task<Policy> SaveAsync(Policy policy);
}
