namespace RiskEngine.Configuration;

public static class ApiScopeNames
{
    /// <summary>Parses <c>"decide, admin"</c>; unset means all scopes. Returns false on an unknown name.</summary>
    public static bool TryParse(string? text, out ApiScopes scopes)
    {
        scopes = ApiScopes.None;
        if (string.IsNullOrWhiteSpace(text))
        {
            scopes = ApiScopes.All;
            return true;
        }
        foreach (var name in text.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            switch (name.ToLowerInvariant())
            {
                case "decide": scopes |= ApiScopes.Decide; break;
                case "admin": scopes |= ApiScopes.Admin; break;
                default: return false;
            }
        }
        return true;
    }
}
