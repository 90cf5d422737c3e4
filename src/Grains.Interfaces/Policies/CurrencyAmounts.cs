using System.Text.Json;

namespace RiskEngine.Policies;

/// <summary>An amount threshold with optional per-currency overrides (ISO 4217 codes, upper case).</summary>
[GenerateSerializer, Immutable, Alias("CurrencyAmounts")]
public sealed record CurrencyAmounts
{
    public CurrencyAmounts() { }

    public CurrencyAmounts(decimal @default) => Default = @default;

    [Id(0)] public decimal Default { get; set; }
    [Id(1)] public Dictionary<string, decimal>? Currencies { get; set; }

    [JsonExtensionData]
    [field: NonSerialized]
    public Dictionary<string, JsonElement>? Unknown { get; set; }

    public decimal For(string? currency) =>
        currency is not null && Currencies is not null && Currencies.TryGetValue(currency, out var amount) ? amount : Default;
}
