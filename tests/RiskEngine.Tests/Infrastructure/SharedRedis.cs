[assembly: AssemblyFixture(typeof(RiskEngine.Tests.Infrastructure.SharedRedis))]

namespace RiskEngine.Tests.Infrastructure;

/// <summary>
/// The Redis the tests share: the one <c>./test.sh</c> started (<c>RISKENGINE_TEST_REDIS</c>), or, on first
/// use, one of our own. Tests keep apart by using their own Orleans service ids.
/// </summary>
public sealed class SharedRedis : IAsyncDisposable
{
    private readonly Lazy<Task<RedisServer?>> _own = new(async () =>
        Environment.GetEnvironmentVariable("RISKENGINE_TEST_REDIS") is { Length: > 0 } ? null : await RedisServer.StartNewAsync());

    public async Task<string> ConnectionStringAsync() =>
        await _own.Value is { } own ? own.ConnectionString : Environment.GetEnvironmentVariable("RISKENGINE_TEST_REDIS")!;

    public async ValueTask DisposeAsync()
    {
        if (_own.IsValueCreated && await _own.Value is { } own) await own.DisposeAsync();
    }
}
