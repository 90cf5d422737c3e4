namespace RiskEngine.Configuration;

[Flags]
public enum ApiScopes
{
    None = 0,

    /// <summary>Ask for decisions and read step-up sessions.</summary>
    Decide = 1,

    /// <summary>Read and change the policy, unlock and forget users, see the dashboard.</summary>
    Admin = 2,

    All = Decide | Admin,
}
