using System.Globalization;
using Microsoft.Extensions.Logging;

namespace RiskEngine.Hosting;

/// <summary>
/// The collector's settings as the runtime took them (the runtimeconfig and any <c>DOTNET_</c> variable together),
/// which both hosts log at start. The decision path's tail latency is the collector's pauses (BENCHMARKS.md), and a
/// <c>DOTNET_</c> override whose name is misspelled, or differs in case, is ignored without a word: the log says what
/// is in force.
/// </summary>
public static class GarbageCollectorSettings
{
    private const long Mebibyte = 1024 * 1024;

    public static void Log(ILogger logger) => logger.LogInformation("Garbage collector: {Settings}", Describe(GC.GetConfigurationVariables()));

    /// <param name="gc">What <see cref="GC.GetConfigurationVariables"/> returns.</param>
    public static string Describe(IReadOnlyDictionary<string, object> gc)
    {
        var budget = Number(gc, "GCGen0MaxBudget");
        return string.Join(", ",
            gc.GetValueOrDefault("ServerGC") is not true ? "Workstation GC"
                : $"Server GC with {Number(gc, "HeapCount")} heaps, heap count {(Number(gc, "GCDynamicAdaptationMode") == 1 ? "adapting (DATAS)" : "fixed")}",
            budget > 0 ? $"gen0 budget at most {FormatBytes(budget)} per heap" : "gen0 budget the collector's own",
            gc.GetValueOrDefault("ConcurrentGC") is true ? "background gen2" : "no background gen2");
    }

    private static long Number(IReadOnlyDictionary<string, object> gc, string name) => gc.GetValueOrDefault(name) is long value ? value : 0;

    private static string FormatBytes(long bytes) =>
        bytes % Mebibyte == 0 ? $"{bytes / Mebibyte} MiB" : bytes.ToString("N0", CultureInfo.InvariantCulture) + " bytes";
}
