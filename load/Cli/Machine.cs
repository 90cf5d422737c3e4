using System.Runtime.InteropServices;

namespace RiskEngine.Load.Cli;

public static class Machine
{
    public static string Describe() =>
        $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription.Trim()}, .NET {Environment.Version}";
}
