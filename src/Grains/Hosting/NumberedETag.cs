using System.Globalization;

namespace RiskEngine.Hosting;

/// <summary>
/// The ETags of embedded mode's store and reminder table: a write's number, unique for the process's life (all an ETag
/// has to be, and cheaper than a GUID), kept as a number and made a string only for a caller.
/// </summary>
internal static class NumberedETag
{
    public static string Format(long version) => version.ToString(CultureInfo.InvariantCulture);

    /// <summary>Whether a caller's ETag names this version, read without making a string of the version.</summary>
    public static bool Names(string? etag, long version) =>
        long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var given) && given == version;
}
