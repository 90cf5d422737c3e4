using System.Text.Json;

namespace RiskEngine.Didit;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DiditSessionRequest))]
[JsonSerializable(typeof(DiditSessionResponse))]
[JsonSerializable(typeof(DiditSessionList))]
public sealed partial class DiditJsonContext : JsonSerializerContext;
