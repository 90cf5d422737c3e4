using BenchmarkDotNet.Attributes;
using RiskEngine.Decisions;
using RiskEngine.Policies;
using RiskEngine.Users;

namespace RiskEngine.Benchmarks;

/// <summary>The pure decision path: measuring a request against a history, and evaluating the facts.</summary>
[MemoryDiagnoser]
public class ScoringBenchmarks
{
    private readonly Policy _policy = Policy.Default;
    private readonly DecisionSampler _sampler = new(TimeProvider.System);
    private readonly Guid _decisionId = Guid.CreateVersion7();
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;
    private readonly UserProfile _user = Fixtures.TypicalUser();
    private readonly Observation _known = Fixtures.Login();
    private readonly Observation _newDevice = Fixtures.Login(device: "laptop", ip: "89.160.20.112");
    private RiskFacts _knownFacts;
    private RiskFacts _riskyFacts;

    [GlobalSetup]
    public void Setup()
    {
        _knownFacts = _user.Measure(in _known);
        _riskyFacts = _user.Measure(in _newDevice);
        _riskyFacts.AnonymousIp = true;
    }

    [Benchmark(Description = "Evaluate: known device (allow)")]
    public Evaluation EvaluateKnown() => RiskEvaluator.Evaluate(in _knownFacts, _policy);

    [Benchmark(Description = "Evaluate: new device, anonymous (step-up)")]
    public Evaluation EvaluateRisky() => RiskEvaluator.Evaluate(in _riskyFacts, _policy);

    [Benchmark(Description = "Measure: typical history")]
    public RiskFacts Measure() => _user.Measure(in _known);

    /// <summary>What every decision adds for policy simulation: its facts into the silo's sample.</summary>
    [Benchmark(Description = "Keep a decision in the simulation sample")]
    public void Sample() => _sampler.Record("acme", _decisionId, _now, in _riskyFacts);
}
