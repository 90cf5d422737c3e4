using System.Globalization;

namespace RiskEngine.Load.Harness;

/// <summary>
/// The machine's CPU time counters from Linux's <c>/proc/stat</c> (first line, in clock ticks): all of it, and
/// the part the hypervisor gave to other guests ("steal"). On a shared virtual machine that part varies from
/// minute to minute, and a run during which it was high measured a slower machine.
/// </summary>
public readonly record struct HostCpu(long Total, long Steal)
{
    /// <summary>Null where there is no <c>/proc/stat</c> (not Linux).</summary>
    public static HostCpu? Read()
    {
        try
        {
            using var reader = new StreamReader("/proc/stat");
            return Parse(reader.ReadLine());
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>"cpu user nice system idle iowait irq softirq steal …"; null unless the line has a steal field.</summary>
    public static HostCpu? Parse(string? line)
    {
        var fields = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields is null || fields.Length < 9 || fields[0] != "cpu") return null;
        long total = 0;
        // guest and guest_nice (fields 9 and 10) are already counted in user and nice.
        for (var i = 1; i <= 8; i++) total += long.Parse(fields[i], CultureInfo.InvariantCulture);
        return new HostCpu(total, long.Parse(fields[8], CultureInfo.InvariantCulture));
    }

    /// <summary>Percent of the machine's CPU time stolen between two readings; null when either is missing.</summary>
    public static double? StealPercent(HostCpu? before, HostCpu? after) =>
        before is { } b && after is { } a && a.Total > b.Total ? 100.0 * (a.Steal - b.Steal) / (a.Total - b.Total) : null;
}
