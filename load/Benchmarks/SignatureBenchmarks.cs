using System.Text;
using BenchmarkDotNet.Attributes;
using RiskEngine.Didit;

namespace RiskEngine.Benchmarks;

/// <summary>Verifying a Didit webhook: canonical JSON plus HMAC-SHA256, as the webhook endpoint does it.</summary>
[MemoryDiagnoser]
public class SignatureBenchmarks
{
    private const string Secret = "whsec_benchmark_secret";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(
        """{"event_id":"5f1c2d3e-4b5a-6978-8a9b-0c1d2e3f4a5b","webhook_type":"status.updated","timestamp":1795870800,"created_at":1795870800,"session_id":"11111111-2222-3333-4444-555555555555","status":"Approved","workflow_id":"wf-passive","vendor_data":"user-42","metadata":{"reason":"login_new_device","decision_id":"01a2229000cb7f9c948aaa9400ded920"},"decision":{"liveness_checks":[{"score":96.0,"method":"PASSIVE","status":"Approved"}],"face_matches":[{"score":91.5,"status":"Approved"}]}}""");
    private static readonly string Signature = DiditSignature.SignV2(Body, Secret);

    [Benchmark(Description = "Verify X-Signature-V2 (canonicalize + HMAC)")]
    public bool VerifyV2() => DiditSignature.Matches(CanonicalJson.Canonicalize(Body), Signature, [Secret]);
}
