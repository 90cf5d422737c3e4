using System.Net;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using RiskEngine.Geo;

namespace RiskEngine.Benchmarks;

/// <summary>GeoIP enrichment with MaxMind's test databases (memory-mapped, opened once).</summary>
[MemoryDiagnoser]
public class GeoIpBenchmarks
{
    private static readonly IPAddress Known = IPAddress.Parse("2.125.160.216");
    private static readonly IPAddress Unknown = IPAddress.Parse("203.0.113.7");
    private GeoIpLookup _geo = null!;

    [GlobalSetup]
    public void Setup() => _geo = new GeoIpLookup(Fixtures.GeoIp, NullLogger<GeoIpLookup>.Instance);

    [GlobalCleanup]
    public void Cleanup() => _geo.Dispose();

    [Benchmark(Description = "GeoIP lookup: address in the databases")]
    public GeoFacts LookupKnown() => _geo.Lookup(Known);

    [Benchmark(Description = "GeoIP lookup: address not in them")]
    public GeoFacts LookupUnknown() => _geo.Lookup(Unknown);
}
