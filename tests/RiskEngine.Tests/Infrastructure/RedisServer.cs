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

    public int Port { get; } = FreePort.Next();

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartNewAsync()
    {
        var server = new RedisServer();
        await server.StartAsync();
        return server;
    }

    public async Task StartAsync()
    {
        var binary = Environment.GetEnvironmentVariable("REDIS_SERVER") ?? "redis-server";
        var start = new ProcessStartInfo(binary)
        {
            ArgumentList = { "--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
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
            catch (RedisConnectionException) when (DateTime.UtcNow < deadline)
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

    public async ValueTask DisposeAsync() => await StopAsync();
}
