namespace RiskEngine.Configuration;

public sealed class ApiKeyOptions
{
    public string Key { get; set; } = "";

    /// <summary>Who holds the key (a team, a service), as policy versions record who saved them. Unset: a fingerprint of the key.</summary>
    public string? Name { get; set; }

    /// <summary>Comma- or space-separated: <c>decide</c>, <c>admin</c>. Unset: both.</summary>
    public string? Scopes { get; set; }
}
