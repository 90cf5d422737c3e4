using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RiskEngine.Api.Decisions;
using RiskEngine.Api.Json;
using RiskEngine.Decisions;
using RiskEngine.Load.Scenarios;
using RiskEngine.Users;

namespace RiskEngine.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project load/Benchmarks -- calls [callers]</c>: how many grain calls and decisions one
/// embedded silo completes per second without HTTP in front, and the CPU each costs. Set beside
/// <c>bench</c>'s bare-HTTP limit, it shows how much of a decision's cost is the grain call itself.
/// </summary>
public static class GrainCallReport
{
    private const int Users = 10_000;
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Measure = TimeSpan.FromSeconds(8);

    public static async Task RunAsync(int callers)
    {
        using var host = await EmbeddedSilo.StartAsync(21112, Fixtures.GeoIp);
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var ip = IPAddress.Parse("2.125.160.216");
        IUserRiskGrain User(int i) => grains.GetGrain<IUserRiskGrain>($"dev/user-{i}");

        // Every user known on "phone" from ip, so logins from there are allowed without learning anything.
        for (var i = 0; i < Users; i += 500)
            await Task.WhenAll(Enumerable.Range(i, 500).Select(u => User(u).DecideAsync(Request("phone", ip)).AsTask()));

        Console.WriteLine($"In process, {Environment.ProcessorCount} cores, {callers} callers, {Measure.TotalSeconds:0} s each, over {Users:N0} users:");
        Console.WriteLine();
        Console.WriteLine("| call | per second | CPU per call | allocated per call | GC pause per call |");
        Console.WriteLine("|---|---|---|---|---|");
        await Report(callers, "grain call doing next to nothing (`UnlockAsync`)", i => User(i).UnlockAsync("bench"));
        await Report(callers, "decision: login, known device and network", i => User(i).DecideAsync(Request("phone", ip)).AsTask());
        // The load's own mix, then each kind of call in it alone, over the same users after the mix.
        await Report(callers, "decision: `run decisions`' mix over its Zipf users, each body read and validated", Mix(grains, null));
        foreach (var (kind, share) in DecisionMix.Default.Shares)
            await Report(callers, string.Create(CultureInfo.InvariantCulture, $"… {kind} alone ({share:0.#%} of the mix)"), Mix(grains, kind));
        // From the known phone on a network of its own each time: a new device would reach the user's limit of
        // new-device step-ups within the run, and the same network again would resume the session still open.
        var networks = new ThreadLocal<Random>(() => new Random(Environment.CurrentManagedThreadId));
        await Report(callers, "decision that opens a step-up: settings change, known device, new network (sandbox provider, session grain, reminder)",
            i => User(i).DecideAsync(Request("phone", IPAddress.Parse(PlatformUser.RandomIp(networks.Value!)), UserAction.SettingsChange)).AsTask());
        await host.StopAsync();
    }

    /// <summary>
    /// What <c>run decisions</c> sends (or only its calls of one kind), minus HTTP: the same bodies over the same
    /// Zipf-popular users, read and validated as the endpoint reads them, then decided by the user's grain.
    /// </summary>
    private static Func<int, Task> Mix(IGrainFactory grains, DecisionKind? kind)
    {
        var zipf = new ZipfSampler(Users);
        var random = new ThreadLocal<Random>(() => new Random(Environment.CurrentManagedThreadId));
        return _ =>
        {
            var user = PlatformUser.Of("mix-user", zipf.Next(random.Value!));
            var key = Guid.NewGuid().ToString("N");
            var json = DecisionsScenario.Body(user, kind ?? DecisionMix.Default.Draw(random.Value!), random.Value!, key);
            var body = JsonSerializer.Deserialize(json, ApiJsonContext.Default.DecisionRequestBody)!;
            DecisionRequestValidator.Validate(body, DateTimeOffset.UtcNow, out var request);
            return grains.GetGrain<IUserRiskGrain>(GrainKeys.For("dev", body.UserId!)).DecideAsync(request!).AsTask();
        };
    }

    private static DecisionRequest Request(string device, IPAddress ip, UserAction action = UserAction.Login) =>
        new(action, device, ip, null, null, DateTimeOffset.UtcNow);

    /// <remarks>A decision's <c>ValueTask</c> is turned into a task here, as Orleans did for every call before the grain
    /// method returned one: the allocation per call stays comparable with the numbers measured before.</remarks>
    private static async Task Report(int callers, string name, Func<int, Task> call)
    {
        await RunFor(callers, Warmup, call);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var paused = GC.GetTotalPauseDuration();
        var started = Stopwatch.GetTimestamp();
        var calls = await RunFor(callers, Measure, call);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var cpuPerCall = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / calls;
        var bytesPerCall = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / calls;
        // What the collector stops the process for grows with what a call leaves behind in long-lived state, not with what it allocates.
        var pausePerCall = (GC.GetTotalPauseDuration() - paused).TotalMicroseconds / calls;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {calls / elapsed.TotalSeconds:N0} | {cpuPerCall:0} µs | {bytesPerCall:N0} B | {pausePerCall:0.0} µs |"));
    }

    /// <summary>Closed model: each caller starts its next call when the last one returns.</summary>
    private static async Task<long> RunFor(int callers, TimeSpan duration, Func<int, Task> call)
    {
        long calls = 0;
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, callers).Select(async caller =>
        {
            var random = new Random(caller);
            while (Stopwatch.GetTimestamp() < until)
            {
                await call(random.Next(Users));
                Interlocked.Increment(ref calls);
            }
        }));
        return calls;
    }
}
