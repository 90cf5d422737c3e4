namespace RiskEngine.Configuration;

public sealed class ApiKeyOptions
{
    public string Key { get; set; } = "";

    /// <summary>Comma- or space-separated: <c>decide</c>, <c>admin</c>. Unset: both.</summary>
    public string? Scopes { get; set; }
}
