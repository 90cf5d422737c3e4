using System.IO.Hashing;
using System.Runtime.InteropServices;
using RiskEngine.Geo;

namespace RiskEngine.Users;

/// <summary>
/// What one request tells about the user, in the compact form history keeps: the device as a 64-bit
/// hash (device ids can be long and are not needed in clear), the network prefix, and GeoIP's facts.
/// </summary>
[GenerateSerializer, Immutable, Alias("Observation")]
public readonly record struct Observation(
    [property: Id(0)] UserAction Action,
    [property: Id(1)] ulong Device,
    [property: Id(2)] NetworkPrefix Network,
    [property: Id(3)] string? Country,
    [property: Id(4)] uint Asn,
    [property: Id(5)] GeoPoint? Location,
    [property: Id(6)] bool IsAnonymous,
    [property: Id(7)] decimal Amount,
    [property: Id(8)] string? Currency,
    [property: Id(9)] DateTime At)
{
    public static Observation From(DecisionRequest request, in GeoFacts geo) => new(
        request.Action,
        DeviceKey(request.DeviceId),
        NetworkPrefix.Of(request.Ip),
        geo.CountryCode,
        geo.Asn,
        geo.Location,
        geo.IsAnonymous,
        request.Action == UserAction.Transfer ? request.Amount ?? 0 : 0,
        // The code list's own string, not the request's copy: the history keeps it for a day (a reference from a long-lived
        // object to a young one is what makes each collection longer).
        request.Action == UserAction.Transfer ? Iso4217.Canonical(request.Currency) : null,
        request.OccurredAt.UtcDateTime);

    public static ulong DeviceKey(string deviceId)
    {
        var chars = MemoryMarshal.AsBytes(deviceId.AsSpan());
        return XxHash3.HashToUInt64(chars);
    }
}
