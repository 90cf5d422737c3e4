using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using RiskEngine.Api.Decisions;
using RiskEngine.Api.Webhooks;
using RiskEngine.Users;

namespace RiskEngine.Api.Json;

/// <summary>Source-generated JSON for every type the API reads or writes: no reflection on the hot path.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(DecisionRequestBody))]
[JsonSerializable(typeof(DecisionResult))]
[JsonSerializable(typeof(Policy))]
[JsonSerializable(typeof(IReadOnlyList<PolicyVersion>))]
[JsonSerializable(typeof(PolicySimulation))]
[JsonSerializable(typeof(StepUpSessionView))]
[JsonSerializable(typeof(UserView))]
[JsonSerializable(typeof(DiditWebhookBody))]
[JsonSerializable(typeof(WebhookAck))]
[JsonSerializable(typeof(ProblemDetails))]
[JsonSerializable(typeof(HttpValidationProblemDetails))]
public sealed partial class ApiJsonContext : JsonSerializerContext;
