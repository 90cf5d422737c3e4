using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace RiskEngine.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project load/Benchmarks -- gc PID [seconds] [types]</c>: the garbage collector's pauses in a
/// running engine (or any .NET process), read from the runtime's own GC events over EventPipe for that many seconds
/// (10): how often each generation is collected, how long the process stands still, and of that how long the collector
/// spends marking what older generations point to (their "cards"), the part that grows with long-lived state written
/// on the decision path rather than with what a request allocates. And what is allocated, by type, from the runtime's
/// allocation samples (one per ~100 KB).
/// </summary>
public static class GcPauseReport
{
    /// <summary>The runtime's mark-phase root kind for references from older generations (GCMarkWithType's Type).</summary>
    private const int MarkOlder = 3;

    public static async Task RunAsync(int pid, TimeSpan duration, int types)
    {
        var client = new DiagnosticsClient(pid);
        using var session = client.StartEventPipeSession(
            new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Verbose, (long)ClrTraceEventParser.Keywords.GC),
            requestRundown: false);
        using var source = new EventPipeEventSource(session.EventStream);
        var pauses = Collect(source.Clr);
        var background = CollectBackground(source.Clr);
        var allocated = new Dictionary<string, long>();
        source.Clr.GCAllocationTick += e => allocated[e.TypeName] = allocated.GetValueOrDefault(e.TypeName) + e.AllocationAmount64;
        var reading = Task.Run(source.Process);
        await Task.Delay(duration);
        await session.StopAsync(CancellationToken.None);
        await reading;
        Print(pauses, duration);
        PrintBackground(background);
        PrintAllocated(allocated, duration, types);
    }

    /// <summary>One stop of the world: from suspending the process to running it again, and the collection in it.</summary>
    private sealed class Pause
    {
        public string Kind = "";
        public double Start, SuspendedAt, CollectionStart, CollectionEnd, RestartedAt, PromotedFromOlderKb;
        public DateTime At;
        public Dictionary<int, double> LastMarkByHeap { get; } = [];
        /// <summary>Per kind of root, the longest any heap spent marking from it.</summary>
        public Dictionary<string, double> MarkMs { get; } = [];
    }

    private static List<Pause> Collect(ClrTraceEventParser clr)
    {
        var done = new List<Pause>();
        Pause? current = null;
        clr.GCSuspendEEStart += e => current = new Pause { Start = e.TimeStampRelativeMSec, At = e.TimeStamp.ToUniversalTime() };
        clr.GCSuspendEEStop += e => current?.SuspendedAt = e.TimeStampRelativeMSec;
        clr.GCStart += e =>
        {
            current?.CollectionStart = e.TimeStampRelativeMSec;
            // A background gen2 runs beside the program; only its short pauses stop it, and they are counted apart.
            current?.Kind = e.Type == GCType.BackgroundGC ? "gen2 (background)" : $"gen{e.Depth}";
        };
        clr.GCMarkWithType += e =>
        {
            if (current is null) return;
            // Heaps mark in parallel: a heap's time for a kind of root runs from its previous mark event (or the start).
            var since = current.LastMarkByHeap.TryGetValue(e.HeapNum, out var last) ? last : current.CollectionStart;
            current.LastMarkByHeap[e.HeapNum] = e.TimeStampRelativeMSec;
            var root = RootKind((int)e.Type);
            current.MarkMs[root] = Math.Max(current.MarkMs.GetValueOrDefault(root), e.TimeStampRelativeMSec - since);
            if (root == Older) current.PromotedFromOlderKb += e.Promoted / 1024.0;
        };
        clr.GCStop += e => current?.CollectionEnd = e.TimeStampRelativeMSec;
        clr.GCRestartEEStop += e =>
        {
            if (current is null) return;
            current.RestartedAt = e.TimeStampRelativeMSec;
            if (current.Kind == "") current.Kind = "gen2 (background)"; // a background collection's second pause
            done.Add(current);
            current = null;
        };
        return done;
    }

    /// <summary>
    /// Background gen2 collections, from start to end: they run beside the program, on a collector thread per heap,
    /// so on two cores they take CPU from it for as long as they run, not only in their short pauses.
    /// </summary>
    private static List<(DateTime At, double Ms)> CollectBackground(ClrTraceEventParser clr)
    {
        var running = new Dictionary<long, (DateTime At, double Start)>();
        var done = new List<(DateTime, double)>();
        clr.GCStart += e =>
        {
            if (e.Type == GCType.BackgroundGC) running[e.Count] = (e.TimeStamp.ToUniversalTime(), e.TimeStampRelativeMSec);
        };
        clr.GCStop += e =>
        {
            if (running.Remove(e.Count, out var started)) done.Add((started.At, e.TimeStampRelativeMSec - started.Start));
        };
        return done;
    }

    private static void PrintBackground(List<(DateTime At, double Ms)> background)
    {
        Console.WriteLine();
        Console.WriteLine("Background gen2 collections (UTC start, how long each ran beside the program):");
        foreach (var (at, ms) in background)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"- {at:HH:mm:ss.fff} {ms:0} ms"));
    }

    private static void Print(List<Pause> pauses, TimeSpan duration)
    {
        static string Ms(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{pauses.Count} pauses in {duration.TotalSeconds:0} s, {pauses.Sum(p => p.RestartedAt - p.Start) / duration.TotalMilliseconds:0.0%} of the time:"));
        Console.WriteLine();
        Console.WriteLine("| collection | per second | pause avg | pause max | suspending | marking stacks | marking handles | marking from older generations | promoted from them | other roots | after marking (plan, copy, compact) |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var kind in pauses.GroupBy(p => p.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var l = kind.ToList();
            string Mark(string root) => Ms(l.Average(p => p.MarkMs.GetValueOrDefault(root)));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {kind.Key} | {l.Count / duration.TotalSeconds:0.0} | {Ms(l.Average(p => p.RestartedAt - p.Start))} ms | {Ms(l.Max(p => p.RestartedAt - p.Start))} ms | {Ms(l.Average(p => p.SuspendedAt - p.Start))} ms | {Mark(Stacks)} ms | {Mark(Handles)} ms | {Mark(Older)} ms | {l.Average(p => p.PromotedFromOlderKb):0} KB | {Mark(Other)} ms | {Ms(l.Average(AfterMarking))} ms |"));
        }
        // When, to lay beside a run's per-second timeline: is its worst second one of these?
        Console.WriteLine();
        Console.WriteLine("The longest pauses (UTC):");
        foreach (var p in pauses.OrderByDescending(p => p.RestartedAt - p.Start).Take(5))
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"- {p.At:HH:mm:ss.fff} {p.Kind} {Ms(p.RestartedAt - p.Start)} ms"));
    }

    private const string Stacks = "stacks", Handles = "handles", Older = "older", Other = "other";

    /// <summary>The runtime's kinds of mark-phase roots (GCMarkWithType's Type), grouped as the report shows them.</summary>
    private static string RootKind(int type) => type switch
    {
        0 => Stacks,
        2 or 6 => Handles, // strong and dependent handles
        MarkOlder => Older,
        _ => Other,
    };

    /// <summary>From the last heap's last mark to the collection's end: planning, copying survivors, compacting.</summary>
    private static double AfterMarking(Pause p) =>
        p.LastMarkByHeap.Count == 0 || p.CollectionEnd == 0 ? 0 : p.CollectionEnd - p.LastMarkByHeap.Values.Max();

    private static void PrintAllocated(Dictionary<string, long> allocated, TimeSpan duration, int types)
    {
        var total = allocated.Values.Sum();
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Allocated, sampled: {total / duration.TotalSeconds / 1e6:0.0} MB/s; the types most of it went to:"));
        Console.WriteLine();
        Console.WriteLine("| type | share |");
        Console.WriteLine("|---|---|");
        // Double backticks: generic type names carry a backtick of their own.
        foreach (var (type, bytes) in allocated.OrderByDescending(a => a.Value).Take(types))
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| `` {type} `` | {(double)bytes / total:0.0%} |"));
    }
}
