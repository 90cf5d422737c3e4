using System.Runtime.InteropServices;

namespace RiskEngine.Load.Cli;

/// <summary>What a report says it was measured on: a result is only comparable with one from the same machine.</summary>
public static class Machine
{
    public static string Describe() =>
        $"{Environment.ProcessorCount} cores{(CpuModel() is { } model ? $" ({model})" : "")}, {RuntimeInformation.OSDescription.Trim()}, .NET {Environment.Version}";

    /// <summary>The processor's model as Linux names it (<c>/proc/cpuinfo</c>); null elsewhere or when it says none.</summary>
    public static string? CpuModel(string cpuinfo = "/proc/cpuinfo")
    {
        if (!File.Exists(cpuinfo)) return null;
        foreach (var line in File.ReadLines(cpuinfo))
            if (line.StartsWith("model name", StringComparison.Ordinal) && line.IndexOf(':') is var colon and > 0)
                return line[(colon + 1)..].Trim() is { Length: > 0 } model ? model : null;
        return null;
    }
}
