using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using RiskEngine.Api.Decisions;
using RiskEngine.Api.Json;
using RiskEngine.Decisions;
using RiskEngine.StepUps;

namespace RiskEngine.Benchmarks;

/// <summary>The decision's JSON in and out, with the API's source-generated serializer, and validation.</summary>
[MemoryDiagnoser]
public class JsonBenchmarks
{
    private static readonly byte[] Request = Encoding.UTF8.GetBytes(
        """{"user_id":"user-42","action":"transfer","device_id":"dev-7f3a","ip":"81.2.69.142","amount":2500.00,"currency":"EUR","user_agent":"Mozilla/5.0","idempotency_key":"txn-991"}""");
    private static readonly DecisionResult Result = new("01a2229000cb7f9c948aaa9400ded920", Outcome.StepUp, StepUpMethod.Active3D, 80,
        ReasonSet.Of(Reason.NewDevice, Reason.NewIp, Reason.AnonymousIp), 3,
        new StepUpInfo("973e3dca-b478-423a-b10a-49d40d792416", "https://verify.didit.me/session/abc", SessionStatus.NotStarted, DateTimeOffset.UnixEpoch));
    private readonly DecisionRequestBody _body = JsonSerializer.Deserialize(Request, ApiJsonContext.Default.DecisionRequestBody)!;

    [Benchmark(Description = "Deserialize a decision request")]
    public DecisionRequestBody? Deserialize() => JsonSerializer.Deserialize(Request, ApiJsonContext.Default.DecisionRequestBody);

    [Benchmark(Description = "Validate a decision request")]
    public DecisionRequest? Validate()
    {
        DecisionRequestValidator.Validate(_body, DateTimeOffset.UtcNow, out var request);
        return request;
    }

    [Benchmark(Description = "Serialize a decision (step-up)")]
    public byte[] Serialize() => JsonSerializer.SerializeToUtf8Bytes(Result, ApiJsonContext.Default.DecisionResult);
}
