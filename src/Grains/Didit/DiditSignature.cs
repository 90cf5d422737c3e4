using System.Security.Cryptography;
using System.Text;

namespace RiskEngine.Didit;

/// <summary>
/// Didit's webhook signatures: <c>X-Signature-V2</c>, lowercase hex HMAC-SHA256 of the canonical JSON, and
/// the <c>X-Signature</c> fallback over the raw body. Compared in constant time.
/// </summary>
public static class DiditSignature
{
    public const string V2Header = "X-Signature-V2";
    public const string RawHeader = "X-Signature";
    public const string TimestampHeader = "X-Timestamp";

    /// <summary>How far a webhook's timestamps may be from now.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(300);

    public static string SignV2(ReadOnlyMemory<byte> body, string secret) => Hex(CanonicalJson.Canonicalize(body), secret);

    public static string SignRaw(ReadOnlySpan<byte> body, string secret) => Hex(body, secret);

    /// <summary>True when <paramref name="signature"/> is the HMAC of <paramref name="message"/> under any of the secrets.</summary>
    public static bool Matches(ReadOnlySpan<byte> message, string? signature, IEnumerable<string?> secrets)
    {
        if (string.IsNullOrEmpty(signature) || signature.Length != 2 * HMACSHA256.HashSizeInBytes) return false;
        Span<byte> presented = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (Convert.FromHexString(signature, presented, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != presented.Length) return false;

        var match = false;
        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        foreach (var secret in secrets)
        {
            if (string.IsNullOrEmpty(secret)) continue;
            HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message, expected);
            match |= CryptographicOperations.FixedTimeEquals(expected, presented);
        }
        return match;
    }

    private static string Hex(ReadOnlySpan<byte> message, string secret) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message));
}
