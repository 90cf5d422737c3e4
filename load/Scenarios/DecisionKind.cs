namespace RiskEngine.Load.Scenarios;

/// <summary>The kinds of call in the <c>decisions</c> mix; their shares are a <see cref="DecisionMix"/>.</summary>
public enum DecisionKind
{
    Login,
    SmallTransfer,
    LargeTransfer,
    NewDevice,
    NewDeviceAndNetwork,
    SettingsChange,
    AccountRecovery,
}
