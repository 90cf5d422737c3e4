using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace RiskEngine.Geo;

/// <summary>
/// The network an address belongs to: its IPv4 /24 or IPv6 /64, packed in 64 bits.
/// IPv4 prefixes carry a 0xFFFF tag in the top bits, a range (ff00::/8, multicast) no client IPv6 /64 uses.
/// </summary>
[GenerateSerializer, Immutable, Alias("NetworkPrefix")]
public readonly record struct NetworkPrefix([property: Id(0)] ulong Value)
{
    private const ulong Ipv4Tag = 0xFFFFUL << 48;

    public static NetworkPrefix Of(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        return address.AddressFamily == AddressFamily.InterNetwork
            ? new(Ipv4Tag | (BinaryPrimitives.ReadUInt32BigEndian(bytes) >> 8))
            : new(BinaryPrimitives.ReadUInt64BigEndian(bytes));
    }

    public override string ToString()
    {
        if ((Value & Ipv4Tag) == Ipv4Tag)
        {
            var v = (uint)(Value & 0xFFFFFF);
            return $"{v >> 16}.{(v >> 8) & 0xFF}.{v & 0xFF}.0/24";
        }
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, Value);
        return new IPAddress(bytes).ToString() + "/64";
    }
}
