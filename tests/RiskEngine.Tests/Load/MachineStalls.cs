using System.Diagnostics;

namespace RiskEngine.Tests.Load;

/// <summary>
/// Measures the generator's own timing only while the machine lets it: a thread that does nothing but sleep 1 ms at a
/// time watches the measurement, and when it too woke late (p99 of its wake-ups, as the generator's lag is judged),
/// no generator could have kept its schedule, so the measurement is taken again. A generator that lags while this
/// thread does not is still caught.
/// </summary>
internal static class MachineStalls
{
    /// <summary>The trait of tests that time the generator itself: test.sh runs them first, in a process of their own.</summary>
    public const string Trait = "timing", GeneratorTiming = "generator";

    /// <summary>How late the watching thread may wake (p99) before the machine counts as stalled.</summary>
    private static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(5);

    private const int Attempts = 5;

    /// <summary>Runs <paramref name="measure"/> (fresh state each time) until an attempt saw no stall; skips the test when none did.</summary>
    public static async Task<T> MeasureAsync<T>(Func<Task<T>> measure)
    {
        var worst = TimeSpan.Zero;
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            using var watch = new Watch();
            var result = await measure();
            if (watch.Stop() is var late && late <= Tolerance) return result;
            if (late > worst) worst = late;
        }
        Assert.Skip($"the machine stalled during each of {Attempts} attempts (1 ms sleeps woke up to {worst.TotalMilliseconds:0.0} ms late, p99)");
        return default!;
    }

    private sealed class Watch : IDisposable
    {
        private readonly Thread _thread;
        private readonly List<long> _lateTicks = [];
        private volatile bool _stopped;

        public Watch()
        {
            _thread = new Thread(Run) { IsBackground = true, Name = "stall-watch" };
            _thread.Start();
        }

        /// <summary>Stops watching; how late past its 1 ms the thread woke, p99.</summary>
        public TimeSpan Stop()
        {
            _stopped = true;
            _thread.Join();
            if (_lateTicks.Count == 0) return TimeSpan.Zero;
            _lateTicks.Sort();
            return TimeSpan.FromTicks(_lateTicks[(int)(_lateTicks.Count * 0.99)]);
        }

        public void Dispose()
        {
            if (!_stopped) Stop();
        }

        private void Run()
        {
            while (!_stopped)
            {
                var before = Stopwatch.GetTimestamp();
                Thread.Sleep(1);
                _lateTicks.Add((Stopwatch.GetElapsedTime(before) - TimeSpan.FromMilliseconds(1)).Ticks);
            }
        }
    }
}
