using Microsoft.AspNetCore.Http;
using RiskEngine.Load.Harness;
using RiskEngine.Load.Scenarios;

namespace RiskEngine.Tests.Load;

/// <summary>
/// A server that handles one request at a time stalls for 500 ms once. Every call scheduled during the
/// stall waits for it; timed from its intended start, each shows that wait. A generator that waited for
/// each answer before sending the next would have recorded a single slow call (coordinated omission).
/// </summary>
[Collection(TimingCollection.Name), Trait(MachineStalls.Trait, MachineStalls.GeneratorTiming)]
public sealed class CoordinatedOmissionTests : IAsyncLifetime
{
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private FakeHttpServer _server = null!;
    private int _calls;

    public async ValueTask InitializeAsync() => _server = await FakeHttpServer.StartAsync(_ => new Serialized(this));

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Latency_is_measured_from_each_call_s_intended_start()
    {
        using var http = LoadHttp.Create(new ScenarioOptions(new Uri(_server.Url), "key", 1, "dev", null));
        var scenario = BaselineScenario.Create(http)
            .WithoutWarmUp()
            .WithLoadSimulations(Simulation.Inject(200, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)));

        var stats = await MachineStalls.MeasureAsync(() =>
        {
            _calls = 0; // the server stalls again at its 100th call
            return new Runner().RunAsync(scenario);
        });

        Assert.Equal(400, stats.Requests);
        Assert.True(stats.Lag.P99 < 50, $"generator lag p99 {stats.Lag.P99} ms: the wait must come from the server, not the generator");
        Assert.True(stats.Latency.Max >= 450, $"max {stats.Latency.Max} ms");
        // About 100 of the 400 calls fell due during the stall: a quarter of all calls waited, up to 500 ms.
        Assert.True(stats.Latency.P95 >= 250, $"p95 {stats.Latency.P95} ms");
        Assert.True(stats.Latency.P50 < 50, $"p50 {stats.Latency.P50} ms");
    }

    private sealed class Serialized(CoordinatedOmissionTests test) : IResult
    {
        public async Task ExecuteAsync(HttpContext context)
        {
            await test._oneAtATime.WaitAsync();
            try
            {
                if (Interlocked.Increment(ref test._calls) == 100) await Task.Delay(500); // the stall, about 0.5 s into the run
            }
            finally
            {
                test._oneAtATime.Release();
            }
            context.Response.StatusCode = 200;
        }
    }
}
