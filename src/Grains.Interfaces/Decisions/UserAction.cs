namespace RiskEngine.Decisions;

/// <summary>The sensitive action a platform asks about.</summary>
[GenerateSerializer, Alias("UserAction")]
[JsonConverter(typeof(JsonStringEnumConverter<UserAction>))]
public enum UserAction : byte
{
    [JsonStringEnumMemberName("login")] Login,
    [JsonStringEnumMemberName("transfer")] Transfer,
    [JsonStringEnumMemberName("settings_change")] SettingsChange,
    [JsonStringEnumMemberName("account_recovery")] AccountRecovery,
}
