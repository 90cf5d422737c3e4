namespace RiskEngine.Policies;

/// <summary>
/// The policy cache of one silo. Key: that silo's address (<c>SiloAddress.ToParsableString()</c>); the grain
/// always lives on that silo, so a policy grain can update every silo's cache when a policy is saved.
/// </summary>
[Alias("IPolicyCacheGrain")]
public interface IPolicyCacheGrain : IGrainWithStringKey
{
    [Alias("Set")]
    Task SetAsync(string tenantId, Policy policy);
}
