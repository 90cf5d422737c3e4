using System.Diagnostics;
using StackExchange.Redis;

namespace RiskEngine.Tests.Infrastructure;

/// <summary>
/// A real <c>redis-server</c> on a free loopback port, without persistence, for tests that need their own
/// (to restart or kill it). Stops with the test; <see cref="StartAsync"/> after <see cref="StopAsync"/> brings
/// the same port back.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private Process? _process;

    /// <param name="persistent">Keep an append-only file (fsync every write), as production does, so a restart keeps the data.</param>
    public RedisServer(bool persistent = false) =>
        DataDirectory = persistent ? Directory.CreateTempSubdirectory("riskengine-redis-").FullName : null;

    public string? DataDirectory { get; }

    public int Port { get; } = FreePort.Next();

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartNewAsync(bool persistent = false)
    {
        var server = new RedisServer(persistent);
        await server.StartAsync();
        return server;
    }

    public async Task StartAsync()
    {
        var binary = Environment.GetEnvironmentVariable("REDIS_SERVER") ?? "redis-server";
        var start = new ProcessStartInfo(binary)
        {
            ArgumentList = { "--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (DataDirectory is null)
        {
            start.ArgumentList.Add("--appendonly");
            start.ArgumentList.Add("no");
        }
        else
        {
            foreach (var arg in new[] { "--appendonly", "yes", "--appendfsync", "always", "--dir", DataDirectory }) start.ArgumentList.Add(arg);
        }
        try
        {
            _process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("redis-server is not installed: run the tests with ./test.sh, which installs it", e);
        }
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                await using var connection = await ConnectionMultiplexer.ConnectAsync($"{ConnectionString},connectTimeout=500");
                await connection.GetDatabase().PingAsync();
                return;
            }
            catch (Exception e) when (DateTime.UtcNow < deadline
                && (e is RedisConnectionException || e.Message.StartsWith("LOADING", StringComparison.Ordinal))) // a restart replaying its file
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>Kills the server at once, like a crash.</summary>
    public async Task StopAsync()
    {
        if (_process is null) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (DataDirectory is not null) Directory.Delete(DataDirectory, recursive: true);
    }
}
