namespace RiskEngine.Configuration;

/// <summary><c>RiskEngine__Mode</c>: how the API process takes part in the cluster.</summary>
public enum EngineMode
{
    /// <summary>The API co-hosts a silo: one process does everything.</summary>
    Embedded,

    /// <summary>The API is a cluster client of standalone silos and hosts no grains.</summary>
    Client,
}
