using System.Security.Cryptography;

namespace RiskEngine;

/// <summary>
/// Version 7 UUIDs (RFC 9562) with their random bits from the cryptographic generator, drawn a few kilobytes at a
/// time. The runtime's own <see cref="Guid.CreateVersion7(DateTimeOffset)"/> reads them from <c>/dev/urandom</c> with
/// a system call each time on Linux, and <see cref="RandomNumberGenerator"/> makes one (OpenSSL's fork check) per
/// call: every decision makes an id, and this machine makes system calls dear (BENCHMARKS.md).
/// </summary>
public static class Uuid
{
    private const int RandomBytes = 10;

    // Each thread's own stock of random bytes, refilled when it runs out.
    [ThreadStatic] private static byte[]? t_stock;
    [ThreadStatic] private static int t_taken;

    /// <summary>Milliseconds since the Unix epoch in the first 48 bits, then the version, 12 random bits, the variant and 62 random bits.</summary>
    public static Guid Version7(DateTimeOffset at)
    {
        var ms = at.ToUnixTimeMilliseconds();
        ArgumentOutOfRangeException.ThrowIfNegative(ms, nameof(at));
        var random = Take();
        return new Guid((int)(ms >> 16), (short)ms, (short)(0x7000 | ((random[0] << 8) | random[1]) & 0x0FFF),
            (byte)(0x80 | random[2] & 0x3F), random[3], random[4], random[5], random[6], random[7], random[8], random[9]);
    }

    private static ReadOnlySpan<byte> Take()
    {
        var stock = t_stock;
        if (stock is null || t_taken > stock.Length - RandomBytes)
        {
            stock = t_stock ??= new byte[4096];
            RandomNumberGenerator.Fill(stock);
            t_taken = 0;
        }
        var random = stock.AsSpan(t_taken, RandomBytes);
        t_taken += RandomBytes;
        return random;
    }
}
