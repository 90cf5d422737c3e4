namespace RiskEngine.StepUps;

/// <summary>Why a step-up was asked for, as Didit's session metadata names it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StepUpReason>))]
public enum StepUpReason
{
    [JsonStringEnumMemberName("login_new_device")] LoginNewDevice,
    [JsonStringEnumMemberName("high_value_txn")] HighValueTxn,
    [JsonStringEnumMemberName("settings_change")] SettingsChange,
    [JsonStringEnumMemberName("account_recovery")] AccountRecovery,
}
