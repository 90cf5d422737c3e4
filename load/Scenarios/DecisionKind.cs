namespace RiskEngine.Load.Scenarios;

/// <summary>The kinds of call in the <c>decisions</c> mix; their shares are <see cref="DecisionsScenario.Mix"/>.</summary>
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
