namespace RiskEngine.Tests.Infrastructure;

/// <summary>The API's wire format, for tests that read and write it as a platform would.</summary>
public static class Json
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };
}
