using System.Diagnostics;
using System.Net.Sockets;

namespace RiskEngine.Load.Harness;

/// <summary>
/// Runs a scenario's phases. Open-model phases start every call at its scheduled instant without waiting
/// for earlier calls, and time it from that instant: a stalled server shows up in the latency of every
/// call that should have started meanwhile (coordinated omission corrected). How late the generator
/// itself started calls is recorded as lag, and a run whose lag p99 exceeds <see cref="MaxLagP99"/> is
/// marked invalid.
/// </summary>
public sealed class Runner
{
    /// <summary>The generator lag (p99) beyond which a run's numbers cannot be trusted.</summary>
    public const double MaxLagP99 = 5;

    /// <summary>Calls in flight beyond which the open model stops launching (and lags) instead of exhausting memory.</summary>
    public const int MaxInFlight = 20_000;

    private Measurements? _current;
    private Stopwatch? _clock;

    // Numbers calls across warm-up and measurement, so no two calls of a run share one.
    private long _invocation;

    /// <summary>What the live progress line shows: phase, seconds run, calls, failures, the last complete second.</summary>
    public (string Phase, double Seconds, long Requests, long Failed, TimelinePoint? LastSecond) Progress
    {
        get
        {
            var m = _current;
            return (Phase, _clock?.Elapsed.TotalSeconds ?? 0, m?.Requests ?? 0, m?.Failed ?? 0, m?.LastSecond);
        }
    }

    public string Phase { get; private set; } = "starting";

    public async Task<ScenarioStats> RunAsync(Scenario scenario, CancellationToken cancellationToken = default)
    {
        if (scenario.Init is { } init)
        {
            Phase = "init";
            await init(cancellationToken);
        }
        if (scenario.WarmUp > TimeSpan.Zero)
        {
            Phase = "warm-up";
            var first = scenario.Simulations[0];
            await RunPhasesAsync(scenario, [Shorten(first, scenario.WarmUp)], new Measurements(), cancellationToken);
        }

        Phase = "measuring";
        var measurements = new Measurements();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var host = HostCpu.Read();
        var started = DateTimeOffset.UtcNow;
        var seconds = await RunPhasesAsync(scenario, scenario.Simulations, measurements, cancellationToken);
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var steal = HostCpu.StealPercent(host, HostCpu.Read());
        Phase = "done";
        var model = scenario.Simulations.All(s => s is KeepConstantSimulation) ? "closed" : "open";
        return measurements.Summarize(scenario.Name, model, started, seconds, MaxLagP99, cpu, steal);
    }

    private async Task<double> RunPhasesAsync(Scenario scenario, IReadOnlyList<LoadSimulation> phases, Measurements measurements, CancellationToken cancellationToken)
    {
        _current = measurements;
        _clock = Stopwatch.StartNew();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var ticker = TickAsync(measurements, _clock, stop.Token);

        var previousRate = 0.0;
        foreach (var phase in phases)
        {
            if (phase is KeepConstantSimulation closed)
            {
                await ClosedAsync(scenario, closed, measurements, () => Interlocked.Increment(ref _invocation), cancellationToken);
                continue;
            }
            var schedule = Schedule.For(phase, previousRate);
            _invocation = await OpenAsync(scenario, schedule, measurements, _invocation, cancellationToken);
            previousRate = schedule.EndRate;
        }

        var seconds = _clock.Elapsed.TotalSeconds;
        stop.Cancel();
        await ticker;
        measurements.End(seconds);
        return seconds;
    }

    /// <summary>
    /// Starts call k at phase start + schedule(k). The schedule runs on a thread of its own, waking every
    /// millisecond, so it never queues behind the responses it is measuring; each call starts inline (up to
    /// its first await) and continues on the thread pool.
    /// </summary>
    private static async Task<long> OpenAsync(Scenario scenario, Schedule schedule, Measurements measurements, long invocation, CancellationToken cancellationToken)
    {
        // Counts the schedule itself as one call in flight until it has launched every call, so the count reaches
        // zero once, when the last call is done. No call's task is kept: a list of them would carry each call's state
        // into older generations, and the generator's own collections would pause the calls it times.
        var inFlight = 1;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Done()
        {
            if (Interlocked.Decrement(ref inFlight) == 0) done.SetResult();
        }
        var thread = new Thread(() =>
        {
            var start = Stopwatch.GetTimestamp();
            for (long k = 0; k < schedule.Count && !cancellationToken.IsCancellationRequested;)
            {
                var now = Stopwatch.GetTimestamp();
                while (k < schedule.Count)
                {
                    var intended = start + (long)(schedule.SecondsOf(k) * Stopwatch.Frequency);
                    if (intended > now || Volatile.Read(ref inFlight) > MaxInFlight) break;
                    Interlocked.Increment(ref inFlight);
                    _ = CallAsync(scenario, measurements, intended, invocation++, Done, cancellationToken);
                    k++;
                }
                Thread.Sleep(1);
            }
            Done();
        })
        { IsBackground = true, Name = "load-schedule", Priority = ThreadPriority.AboveNormal };
        thread.Start();
        await done.Task;
        cancellationToken.ThrowIfCancellationRequested();
        return invocation;
    }

    private static async Task ClosedAsync(Scenario scenario, KeepConstantSimulation phase, Measurements measurements, Func<long> next, CancellationToken cancellationToken)
    {
        var end = Stopwatch.GetTimestamp() + (long)(phase.During.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, phase.Copies).Select(async _ =>
        {
            await Task.Yield();
            while (Stopwatch.GetTimestamp() < end && !cancellationToken.IsCancellationRequested)
                await CallAsync(scenario, measurements, Stopwatch.GetTimestamp(), next(), static () => { }, cancellationToken);
        }));
    }

    /// <summary>An exception's kind, with the socket's or HTTP stack's reason where there is one (a bounded set of names).</summary>
    private static string ErrorName(Exception e) => e switch
    {
        HttpRequestException { InnerException: SocketException socket } => $"{nameof(HttpRequestException)} ({socket.SocketErrorCode})",
        HttpRequestException http => $"{nameof(HttpRequestException)} ({http.HttpRequestError})",
        _ => e.GetType().Name,
    };

    private static async Task CallAsync(Scenario scenario, Measurements measurements, long intendedStart, long invocation, Action done, CancellationToken cancellationToken)
    {
        var actualStart = Stopwatch.GetTimestamp();
        try
        {
            Response response;
            try
            {
                response = await scenario.Step(new ScenarioContext(invocation, cancellationToken));
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                response = Response.Fail(0, ErrorName(e));
            }
            measurements.Record(intendedStart, actualStart, Stopwatch.GetTimestamp(), response);
        }
        finally
        {
            done();
        }
    }

    private static async Task TickAsync(Measurements measurements, Stopwatch clock, CancellationToken stop)
    {
        var second = 1;
        try
        {
            while (true)
            {
                var wait = TimeSpan.FromSeconds(second) - clock.Elapsed;
                if (wait > TimeSpan.Zero) await Task.Delay(wait, stop);
                measurements.Tick(second++);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static LoadSimulation Shorten(LoadSimulation phase, TimeSpan during) => phase switch
    {
        InjectSimulation i => i with { During = during },
        RampingInjectSimulation r => new InjectSimulation(r.Rate, r.Interval, during),
        KeepConstantSimulation c => c with { During = during },
        _ => phase,
    };
}
