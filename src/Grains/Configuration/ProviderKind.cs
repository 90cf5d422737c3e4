namespace RiskEngine.Configuration;

public enum ProviderKind
{
    /// <summary>Sessions hosted by the engine itself, for development and demos.</summary>
    Sandbox,

    /// <summary>Didit Biometric Authentication.</summary>
    Didit,
}
