using System.Collections.Concurrent;
using System.Diagnostics;
using HdrHistogram;

namespace RiskEngine.Load.Harness;

/// <summary>
/// Thread-safe recording of one run: latency and generator lag in HdrHistograms (microseconds, up to
/// 5 minutes at 3 significant digits), status codes, errors, and a per-second timeline.
/// </summary>
internal sealed class Measurements
{
    private const long MaxMicros = 5L * 60 * 1_000_000;

    private readonly Recorder _latency = NewRecorder();
    private readonly Recorder _lag = NewRecorder();
    private readonly HistogramBase _latencyTotal = NewHistogram();
    private readonly HistogramBase _lagTotal = NewHistogram();
    private readonly ConcurrentDictionary<int, long> _statusCodes = new();
    private readonly ConcurrentDictionary<string, long> _errors = new();
    private readonly List<TimelinePoint> _timeline = [];
    private readonly object _gate = new();
    private HistogramBase? _lastSecond;
    private HistogramBase? _lastSecondLag;
    private HistogramBase? _spareLatency;
    private HistogramBase? _spareLag;
    private long _requests;
    private long _failed;
    private long _secondRequests;
    private long _secondFailed;

    public long Requests => Interlocked.Read(ref _requests);

    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>The latest complete second, for the live progress line.</summary>
    public TimelinePoint? LastSecond { get { lock (_gate) return _timeline.Count > 0 ? _timeline[^1] : null; } }

    public void Record(long intendedStart, long actualStart, long end, Response response)
    {
        _latency.RecordValue(Math.Min(Micros(end - intendedStart), MaxMicros));
        _lag.RecordValue(Math.Min(Micros(Math.Max(0, actualStart - intendedStart)), MaxMicros));
        Interlocked.Increment(ref _requests);
        Interlocked.Increment(ref _secondRequests);
        _statusCodes.AddOrUpdate(response.StatusCode, 1, (_, n) => n + 1);
        if (response.IsOk) return;
        Interlocked.Increment(ref _failed);
        Interlocked.Increment(ref _secondFailed);
        _errors.AddOrUpdate(response.Error ?? $"HTTP {response.StatusCode}", 1, (_, n) => n + 1);
    }

    /// <summary>Closes one second of the timeline (called once a second by the runner).</summary>
    public void Tick(double second) => Close(second, merge: false);

    /// <summary>
    /// Closes the timeline when the run ends at <paramref name="elapsedSeconds"/>. Calls that returned after the last
    /// whole second join that second rather than making a point of their own, which would chart a few calls as a
    /// whole second (or, with none, a second of zero latency).
    /// </summary>
    public void End(double elapsedSeconds)
    {
        lock (_gate)
        {
            var last = _timeline.Count > 0 ? _timeline[^1].Second : 0;
            var tail = last > 0 && elapsedSeconds - last < 1; // else the ticker's last second never came: it is this one
            Close(tail ? last : last + 1, merge: tail);
        }
    }

    private void Close(double second, bool merge)
    {
        lock (_gate)
        {
            // Each second's histograms are handed back to their recorder to be reused: a new pair every second would
            // be large objects, and the collections they cost would pause the generator mid-measurement.
            var latency = _latency.GetIntervalHistogram(_spareLatency);
            _latencyTotal.Add(latency);
            var lag = _lag.GetIntervalHistogram(_spareLag);
            _lagTotal.Add(lag);
            var requests = Interlocked.Exchange(ref _secondRequests, 0);
            var failed = Interlocked.Exchange(ref _secondFailed, 0);
            if (merge)
            {
                (_spareLatency, _spareLag) = (latency, lag);
                if (requests == 0) return;
                var last = _timeline[^1];
                _lastSecond!.Add(latency);
                _lastSecondLag!.Add(lag);
                (requests, failed, latency, lag) = (last.Requests + requests, last.Failed + failed, _lastSecond, _lastSecondLag);
                _timeline.RemoveAt(_timeline.Count - 1);
            }
            else (_spareLatency, _spareLag) = (_lastSecond, _lastSecondLag);
            (_lastSecond, _lastSecondLag) = (latency, lag);
            var stats = LatencyStats.From(latency);
            _timeline.Add(new TimelinePoint(second, requests, failed, stats.P50, stats.P99, stats.Max, LatencyStats.From(lag).P99));
        }
    }

    public ScenarioStats Summarize(string scenario, string model, DateTimeOffset startedAt, double seconds, double maxLagP99Ms, TimeSpan generatorCpu, double? stealPercent)
    {
        lock (_gate)
        {
            var lag = LatencyStats.From(_lagTotal);
            var valid = lag.P99 <= maxLagP99Ms;
            return new ScenarioStats(scenario, model, seconds, Requests, Requests - Failed, Failed, seconds > 0 ? Requests / seconds : 0,
                LatencyStats.From(_latencyTotal), lag,
                new SortedDictionary<int, long>(_statusCodes), new SortedDictionary<string, long>(_errors, StringComparer.Ordinal),
                [.. _timeline], valid,
                valid ? null : $"generator lag p99 {lag.P99:0.##} ms > {maxLagP99Ms} ms: the load generator could not keep the schedule (results understate latency)",
                seconds > 0 ? generatorCpu.TotalSeconds / seconds : 0, stealPercent, startedAt);
        }
    }

    private static long Micros(long stopwatchTicks) => stopwatchTicks * 1_000_000 / Stopwatch.Frequency;

    // Calls complete on many threads at once: a plain LongHistogram loses counts (its total then disagrees with
    // its buckets, and reading it throws); the recorder's histograms must take concurrent writes.
    private static Recorder NewRecorder() => new(1, MaxMicros, 3, (id, low, high, digits) => new LongConcurrentHistogram(id, low, high, digits));

    private static HistogramBase NewHistogram() => new LongHistogram(1, MaxMicros, 3);
}
