using System.Globalization;

namespace RiskEngine.Load.Scenarios;

/// <summary>A simulated platform user: an id, a usual device and a usual network, derived from a rank.</summary>
public readonly record struct PlatformUser(string Id, string Device, string Ip)
{
    // Home networks spread over the GeoIP test databases' cities and over addresses they do not know; none
    // behind an anonymising network (81.2.69.0/24 is a Tor exit there), or every decision of those users
    // would rightly step up.
    private static readonly string[] Networks = ["2.125.160.", "89.160.20.", "216.160.83.", "175.16.199.", "203.0.113."];

    public static PlatformUser Of(string prefix, long rank) => new(
        $"{prefix}-{rank}",
        $"device-{rank}",
        Networks[rank % Networks.Length] + (1 + rank / Networks.Length % 250).ToString(CultureInfo.InvariantCulture));

    public static string RandomIp(Random random) =>
        $"{random.Next(1, 224)}.{random.Next(256)}.{random.Next(256)}.{random.Next(1, 255)}";
}
