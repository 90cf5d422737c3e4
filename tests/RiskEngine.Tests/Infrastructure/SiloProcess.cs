using System.Collections.Concurrent;
using System.Diagnostics;

namespace RiskEngine.Tests.Infrastructure;

/// <summary>
/// A standalone silo (<c>src/Silo</c>, as built with the tests) in a process of its own, so that it can be
/// killed like a crashed machine: SIGKILL, no shutdown.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    public static readonly string SiloDirectory = FindSilo();
    private readonly Process _process;
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<string> _output = new();

    private SiloProcess(IReadOnlyDictionary<string, string?> settings)
    {
        var start = new ProcessStartInfo("dotnet", Path.Combine(SiloDirectory, "RiskEngine.Silo.dll"))
        {
            WorkingDirectory = SiloDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__")] = value;
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            _output.Enqueue(e.Data);
            if (e.Data.Contains("Application started")) _started.TrySetResult();
        };
        _process.ErrorDataReceived += (_, _) => { };
        _process.Exited += (_, _) => _started.TrySetException(new InvalidOperationException("the silo exited while starting"));
        _process.EnableRaisingEvents = true;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static async Task<SiloProcess> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var silo = new SiloProcess(settings);
        await silo._started.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return silo;
    }

    /// <summary>Settings for a silo in a cluster of its own: the shared Redis, fresh cluster and service ids, free loopback ports.</summary>
    public static Dictionary<string, string?> OwnCluster(string redis) => new()
    {
        ["ConnectionStrings:Redis"] = redis,
        ["Orleans:ClusterId"] = "silo-" + Guid.NewGuid().ToString("N"),
        ["Orleans:ServiceId"] = "silo-" + Guid.NewGuid().ToString("N"),
        ["Orleans:Endpoints:AdvertisedIPAddress"] = "127.0.0.1",
        ["Orleans:Endpoints:SiloPort"] = FreePort.Next().ToString(),
        ["Orleans:Endpoints:GatewayPort"] = FreePort.Next().ToString(),
    };

    /// <summary>What the silo has written to its console (its log) so far.</summary>
    public IEnumerable<string> Output => _output;

    /// <summary>Kills the silo at once, as a power cut would.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private static string FindSilo()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory);
        var silo = Repository.PathOf("src", "Silo", "bin", testOutput.Parent!.Name, testOutput.Name); // …/bin/<configuration>/net10.0/
        return File.Exists(Path.Combine(silo, "RiskEngine.Silo.dll")) ? silo : throw new InvalidOperationException("src/Silo is not built: build the solution first");
    }
}
