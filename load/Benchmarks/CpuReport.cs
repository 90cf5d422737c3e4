using System.Globalization;

namespace RiskEngine.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project load/Benchmarks -- cpu PID [seconds] [engine URL]</c>: what a process spends per
/// request the engine serves, over that many seconds (10) while a load runs: CPU (user and kernel, from
/// <c>/proc/PID/stat</c>) and thread switches (every thread's voluntary and involuntary context switches, from
/// <c>/proc/PID/task/*/status</c>), divided by the HTTP requests the engine at that URL (http://localhost:5080)
/// counted in its own metrics meanwhile. PID may be the engine's or another process's on the same box (the load
/// generator's, <c>redis-server</c>'s), to see what each costs per request.
/// </summary>
public static class CpuReport
{
    /// <summary>The kernel's clock ticks per second for /proc times (USER_HZ), 100 on Linux everywhere that matters.</summary>
    private const double TicksPerSecond = 100;

    public static async Task RunAsync(int pid, TimeSpan duration, Uri engine)
    {
        using var http = new HttpClient { BaseAddress = engine };
        var (before, requestsBefore) = (Read(pid), await RequestsAsync(http));
        await Task.Delay(duration);
        var (after, requestsAfter) = (Read(pid), await RequestsAsync(http));

        var requests = requestsAfter - requestsBefore;
        var (user, kernel, voluntary, involuntary) = (after.User - before.User, after.Kernel - before.Kernel,
            after.Voluntary - before.Voluntary, after.Involuntary - before.Involuntary);
        Console.WriteLine($"Process {pid} over {duration.TotalSeconds:0} s, while the engine at {engine} served {requests:N0} requests ({requests / duration.TotalSeconds:N0}/s):");
        Console.WriteLine();
        Console.WriteLine("| | per second | per request |");
        Console.WriteLine("|---|---|---|");
        Row("CPU, user (µs)", user / TicksPerSecond * 1e6);
        Row("CPU, kernel (µs)", kernel / TicksPerSecond * 1e6);
        Row("CPU, both (µs)", (user + kernel) / TicksPerSecond * 1e6);
        Row("thread switches, voluntary", voluntary);
        Row("thread switches, involuntary", involuntary);
        Console.WriteLine($"| threads now | {after.Threads} | |");

        void Row(string what, double total) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {what} | {total / duration.TotalSeconds:N0} | {(requests > 0 ? total / requests : double.NaN):N1} |"));
    }

    private static (long User, long Kernel, long Voluntary, long Involuntary, int Threads) Read(int pid)
    {
        // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are the 14th and 15th.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        long voluntary = 0, involuntary = 0;
        var threads = 0;
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            try
            {
                foreach (var line in File.ReadLines(Path.Combine(task, "status")))
                {
                    if (line.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal)) voluntary += Value(line);
                    else if (line.StartsWith("nonvoluntary_ctxt_switches:", StringComparison.Ordinal)) involuntary += Value(line);
                }
                threads++;
            }
            catch (IOException)
            {
                // the thread ended while being read
            }
        }
        return (long.Parse(fields[11], CultureInfo.InvariantCulture), long.Parse(fields[12], CultureInfo.InvariantCulture), voluntary, involuntary, threads);

        static long Value(string line) => long.Parse(line.AsSpan(line.IndexOf(':') + 1).Trim(), CultureInfo.InvariantCulture);
    }

    /// <summary>Every request ASP.NET Core has counted (all routes and statuses), less those for the metrics themselves.</summary>
    private static async Task<long> RequestsAsync(HttpClient http)
    {
        var total = 0L;
        foreach (var line in (await http.GetStringAsync("/metrics")).Split('\n'))
            if (line.StartsWith("http_server_request_duration_seconds_count{", StringComparison.Ordinal) && !line.Contains("http_route=\"/metrics\"", StringComparison.Ordinal))
                total += (long)double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
        return total;
    }
}
