namespace RiskEngine;

/// <summary>
/// Grain keys that carry the tenant, so one tenant can never address another's users or sessions.
/// Tenant ids cannot contain '/', so the first '/' always separates the tenant.
/// </summary>
public static class GrainKeys
{
    public static string For(string tenantId, string id) => string.Concat(tenantId, "/", id);

    public static (string TenantId, string Id) Split(string key)
    {
        var slash = key.IndexOf('/');
        return (key[..slash], key[(slash + 1)..]);
    }
}
