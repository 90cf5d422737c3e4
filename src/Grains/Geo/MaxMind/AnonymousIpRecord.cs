using MaxMind.Db;

namespace RiskEngine.Geo.MaxMind;

/// <summary>A GeoIP2 Anonymous IP record: any flag set makes the address anonymous.</summary>
public sealed class AnonymousIpRecord
{
    [Constructor]
    public AnonymousIpRecord(
        [MapKey("is_anonymous")] bool anonymous,
        [MapKey("is_anonymous_vpn")] bool vpn,
        [MapKey("is_tor_exit_node")] bool torExitNode,
        [MapKey("is_public_proxy")] bool publicProxy,
        [MapKey("is_residential_proxy")] bool residentialProxy,
        [MapKey("is_hosting_provider")] bool hostingProvider) =>
        IsAnonymous = anonymous || vpn || torExitNode || publicProxy || residentialProxy || hostingProvider;

    public bool IsAnonymous { get; }
}
