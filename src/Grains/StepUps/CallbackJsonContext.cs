using System.Text.Json;

namespace RiskEngine.StepUps;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(StepUpCallback))]
internal sealed partial class CallbackJsonContext : JsonSerializerContext;
