namespace RiskEngine.Decisions;

/// <summary>
/// Reason codes of SPEC. The first group are weighted signals (see <c>SignalWeights</c>);
/// the rest explain floors and overrides. The numeric value is the bit in <see cref="ReasonSet"/>.
/// </summary>
[GenerateSerializer, Alias("Reason")]
[JsonConverter(typeof(JsonStringEnumConverter<Reason>))]
public enum Reason : byte
{
    [JsonStringEnumMemberName("first_seen")] FirstSeen,
    [JsonStringEnumMemberName("new_device")] NewDevice,
    [JsonStringEnumMemberName("new_ip")] NewIp,
    [JsonStringEnumMemberName("new_country")] NewCountry,
    [JsonStringEnumMemberName("new_asn")] NewAsn,
    [JsonStringEnumMemberName("anonymous_ip")] AnonymousIp,
    [JsonStringEnumMemberName("impossible_travel")] ImpossibleTravel,
    [JsonStringEnumMemberName("high_value_txn")] HighValueTxn,
    [JsonStringEnumMemberName("very_high_value_txn")] VeryHighValueTxn,
    [JsonStringEnumMemberName("amount_anomaly")] AmountAnomaly,
    [JsonStringEnumMemberName("velocity")] Velocity,
    [JsonStringEnumMemberName("geo_unavailable")] GeoUnavailable,
    [JsonStringEnumMemberName("settings_change")] SettingsChange,
    [JsonStringEnumMemberName("account_recovery")] AccountRecovery,
    [JsonStringEnumMemberName("recent_step_up")] RecentStepUp,
    [JsonStringEnumMemberName("locked")] Locked,
    [JsonStringEnumMemberName("provider_unavailable")] ProviderUnavailable,
    [JsonStringEnumMemberName("storage_unavailable")] StorageUnavailable,
}
