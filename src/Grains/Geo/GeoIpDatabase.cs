using MaxMind.Db;
using Microsoft.Extensions.Logging;

namespace RiskEngine.Geo;

/// <summary>
/// One MaxMind database file, memory-mapped, opened again when the file is replaced (geoipupdate writes a new copy
/// every few days, and on a fresh deployment only after the engine started). Lookups read <see cref="Reader"/>
/// once, lock-free; a replaced reader is closed one refresh later, when no lookup can still be using it.
/// </summary>
internal sealed class GeoIpDatabase : IDisposable
{
    private readonly string? _path;
    private readonly string _name;
    private readonly ILogger _logger;
    private volatile Reader? _reader;
    private Reader? _retired;
    private DateTime _writeTime;

    public GeoIpDatabase(string? path, string name, ILogger logger)
    {
        // Resolved once, and logged in full: `dotnet run --project src/Api` starts in the project's folder, not the shell's.
        (_path, _name, _logger) = (string.IsNullOrWhiteSpace(path) ? null : Path.GetFullPath(path), name, logger);
        if (_path is null)
            logger.LogWarning("GeoIP {Database} database not configured: its signals are reported as geo_unavailable", name);
        else if (!File.Exists(_path))
            logger.LogError("GeoIP {Database} database not found at {Path}: its signals are reported as geo_unavailable until it appears", name, _path);
        else Refresh();
    }

    public Reader? Reader => _reader;

    /// <summary>Opens the file if it appeared or was replaced since the last call. Not thread-safe: one caller at a time.</summary>
    public void Refresh()
    {
        _retired?.Dispose();
        _retired = null;
        if (_path is null || !File.Exists(_path)) return;
        var written = DateTime.MinValue;
        try
        {
            written = File.GetLastWriteTimeUtc(_path);
            if (written == _writeTime) return;
            var fresh = new Reader(_path, FileAccessMode.MemoryMapped);
            (_retired, _reader, _writeTime) = (_reader, fresh, written);
            _logger.LogInformation("GeoIP {Database} database loaded from {Path} (built {BuildDate:yyyy-MM-dd})", _name, _path, fresh.Metadata.BuildDate);
        }
        catch (Exception e) when (e is not OutOfMemoryException) // on a timer: nothing may escape
        {
            // Half-written, not a database, unreadable: the copy in use stays until the file changes again.
            _writeTime = written;
            _logger.LogWarning("GeoIP {Database} database at {Path} could not be opened ({Error}); still using the previous one, if any", _name, _path, e.GetType().Name);
        }
    }

    public void Dispose()
    {
        _retired?.Dispose();
        _reader?.Dispose();
    }
}
