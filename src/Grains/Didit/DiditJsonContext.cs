using System.Text.Json;

namespace RiskEngine.Didit;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DiditSessionRequest))]
[JsonSerializable(typeof(DiditSessionResponse))]
public sealed partial class DiditJsonContext : JsonSerializerContext;
