namespace RiskEngine.Users;

/// <summary>Bounds of one user's history: the state stays small however long the user lives.</summary>
public static class HistoryLimits
{
    public const int Devices = 32;
    public const int Networks = 64;
    public const int Countries = 16;
    public const int Asns = 16;
    public const int Currencies = 4;

    /// <summary>Action times kept for the one-minute velocity window; policies may not ask for more.</summary>
    public const int RecentActions = 32;

    /// <summary>Transfers kept for the 24 h sum; beyond it the two oldest merge (never under-counting).</summary>
    public const int RecentTransfers = 32;

    public const int Approvals = 8;
    public const int Declines = 16;
    public const int PendingStepUps = 8;

    /// <summary>Step-up sessions kept per user (so that forgetting the user can erase them); older ones are erased.</summary>
    public const int Sessions = 64;

    public static readonly TimeSpan VelocityWindow = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan TransferWindow = TimeSpan.FromHours(24);
}
