using System.Collections.Concurrent;
using System.Diagnostics;
using RiskEngine.Load.Harness;

namespace RiskEngine.Tests.Load;

[Collection(TimingCollection.Name), Trait(MachineStalls.Trait, MachineStalls.GeneratorTiming)]
public sealed class SchedulerTests
{
    [Fact]
    public async Task The_open_model_makes_exactly_the_scheduled_calls_evenly_spread()
    {
        var starts = new ConcurrentQueue<long>();
        var scenario = Scenario.Create("even", _ =>
            {
                starts.Enqueue(Stopwatch.GetTimestamp());
                return Task.FromResult(Response.Ok());
            })
            .WithoutWarmUp()
            .WithLoadSimulations(Simulation.Inject(200, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)));

        var stats = await MachineStalls.MeasureAsync(() =>
        {
            starts.Clear();
            return new Runner().RunAsync(scenario);
        });

        Assert.Equal(400, stats.Requests);
        var first = starts.Min();
        var perQuarter = starts.GroupBy(t => (int)(Stopwatch.GetElapsedTime(first, t).TotalSeconds * 4)).Select(g => g.Count()).ToList();
        Assert.All(perQuarter.Take(7), n => Assert.InRange(n, 40, 60)); // 50 per quarter second
        Assert.True(stats.Valid);
        Assert.True(stats.Timeline[^1].Requests >= 50, "the calls returning after the last whole second charted as a second of their own");
    }

    [Fact]
    public async Task Calls_completing_on_many_threads_at_once_are_all_counted_in_the_latencies()
    {
        var scenario = Scenario.Create("contended", async _ =>
            {
                await Task.Yield(); // complete on the thread pool, many at a time
                return Response.Ok();
            })
            .WithoutWarmUp()
            .WithLoadSimulations(Simulation.KeepConstant(64, TimeSpan.FromSeconds(2)));

        var stats = await new Runner().RunAsync(scenario);

        Assert.True(stats.Requests > 10_000);
        Assert.Equal(stats.Requests, stats.Latency.Count); // a histogram that is not safe for concurrent writes loses some
        Assert.Equal(stats.Requests, stats.Lag.Count);
        Assert.InRange(stats.GeneratorCores, 0.1, Environment.ProcessorCount + 0.5); // it kept a core or two busy
        if (OperatingSystem.IsLinux()) Assert.InRange(stats.StealPercent!.Value, 0, 100);
    }

    [Fact]
    public async Task Each_second_of_the_timeline_charts_only_its_own_calls()
    {
        // Calls 100-159 (the first 0.6 s of the second second) take 40 ms; every other call answers at once. The
        // per-second histograms are reused from second to second, so the third second must start empty.
        var scenario = Scenario.Create("slow-second", async ctx =>
            {
                if (ctx.InvocationNumber is >= 100 and < 160) await Task.Delay(40);
                return Response.Ok();
            })
            .WithoutWarmUp()
            .WithLoadSimulations(Simulation.Inject(100, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4)));

        var stats = await MachineStalls.MeasureAsync(() => new Runner().RunAsync(scenario));

        Assert.Equal(400, stats.Latency.Count);
        Assert.Equal(400, stats.Timeline.Sum(p => p.Requests));
        Assert.True(stats.Timeline[1].Max >= 40, $"second 2's slow calls charted: max {stats.Timeline[1].Max} ms");
        Assert.All(stats.Timeline.Where((_, i) => i != 1), p => Assert.True(p.Max < 40, $"second {p.Second} charted another second's calls: max {p.Max} ms"));
    }

    [Fact]
    public async Task A_ramp_moves_the_rate_linearly()
    {
        var schedule = Schedule.For(new RampingInjectSimulation(200, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)), previousRate: 0);

        Assert.Equal(200, schedule.Count); // the mean rate, 100/s, for 2 s
        Assert.Equal(1.0, schedule.SecondsOf(50), 3); // a quarter of the calls by half the time
        Assert.Equal(2.0, schedule.SecondsOf(200), 3);
    }

    [Fact]
    public async Task The_closed_model_keeps_its_copies_busy()
    {
        var running = 0;
        var most = 0;
        var scenario = Scenario.Create("closed", async _ =>
            {
                var now = Interlocked.Increment(ref running);
                InterlockedMax(ref most, now);
                await Task.Yield();
                Interlocked.Decrement(ref running);
                return Response.Ok();
            })
            .WithoutWarmUp()
            .WithLoadSimulations(Simulation.KeepConstant(4, TimeSpan.FromMilliseconds(300)));

        var stats = await new Runner().RunAsync(scenario);

        Assert.Equal("closed", stats.Model);
        Assert.InRange(most, 1, 4);
        Assert.True(stats.Requests > 100);
    }

    [Fact]
    public async Task Each_second_of_the_timeline_shows_how_late_the_generator_started_its_calls()
    {
        // Calls 100-109 (due early in the second second) each hold the schedule's thread for 30 ms: the calls due
        // meanwhile start up to 300 ms late, and they all return within that second. The target itself answers at once.
        var scenario = Scenario.Create("stalled-second", ctx =>
            {
                if (ctx.InvocationNumber is >= 100 and < 110) Thread.Sleep(30);
                return Task.FromResult(Response.Ok());
            })
            .WithoutWarmUp()
            .WithLoadSimulations(Simulation.Inject(100, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4)));

        var stats = await MachineStalls.MeasureAsync(() => new Runner().RunAsync(scenario));

        Assert.True(stats.Timeline[1].LagP99 >= 100, $"second 2's late starts charted: lag p99 {stats.Timeline[1].LagP99} ms");
        Assert.All(stats.Timeline.Where((_, i) => i != 1), p => Assert.True(p.LagP99 < 100, $"second {p.Second} charted another second's lag: {p.LagP99} ms"));
    }

    [Fact]
    public async Task A_generator_that_cannot_keep_the_schedule_marks_the_run_invalid()
    {
        // Each call holds the schedule's thread for 20 ms, so calls due every 5 ms start ever later.
        var scenario = Scenario.Create("stalled-generator", _ =>
            {
                Thread.Sleep(20);
                return Task.FromResult(Response.Ok());
            })
            .WithoutWarmUp()
            .WithLoadSimulations(Simulation.Inject(200, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)));

        var stats = await new Runner().RunAsync(scenario);

        Assert.False(stats.Valid);
        Assert.True(stats.Lag.P99 > Runner.MaxLagP99);
        Assert.Contains("generator lag", stats.InvalidReason);
        // The lag is part of every latency: timed from when each call was due, not from when it started.
        Assert.True(stats.Latency.P50 >= stats.Lag.P50);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current) { }
    }
}
