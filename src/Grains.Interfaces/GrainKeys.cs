namespace RiskEngine;

/// <summary>
/// Grain keys that carry the tenant, so one tenant can never address another's users or sessions.
/// Tenant ids cannot contain '/', so the first '/' always separates the tenant.
/// </summary>
public static class GrainKeys
{
    public static string For(string tenantId, string id) => string.Concat(tenantId, "/", id);

    /// <summary>
    /// Something of one user's (an idempotency key): the user id's length comes first, so that user ids and
    /// items containing '/' cannot make two users' keys collide.
    /// </summary>
    public static string ForUserItem(string tenantId, string userId, string item) =>
        string.Concat(tenantId, "/", userId.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), ":", userId, "/", item);

    public static (string TenantId, string Id) Split(string key)
    {
        var slash = key.IndexOf('/');
        return (key[..slash], key[(slash + 1)..]);
    }
}
