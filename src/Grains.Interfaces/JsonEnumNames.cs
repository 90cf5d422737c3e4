using System.Reflection;
using System.Text.Json;

namespace RiskEngine;

/// <summary>The wire names of an enum's members, read once from their <see cref="JsonStringEnumMemberNameAttribute"/>.</summary>
public static class JsonEnumNames<TEnum> where TEnum : struct, Enum
{
    private static readonly TEnum[] Values = Enum.GetValues<TEnum>();

    private static readonly string[] Names = Values
        .Select(v => typeof(TEnum).GetField(v.ToString())!.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()!.Name)
        .ToArray();

    /// <summary>Every wire name, in declaration order.</summary>
    public static IReadOnlyList<string> All => Names;

    /// <summary>Pre-encoded names, by position in declaration order.</summary>
    public static readonly JsonEncodedText[] Encoded = Names.Select(n => JsonEncodedText.Encode(n)).ToArray();

    public static string Name(TEnum value) => Names[Array.IndexOf(Values, value)];

    public static bool TryParse(string? name, out TEnum value)
    {
        var i = name is null ? -1 : Array.IndexOf(Names, name);
        value = i >= 0 ? Values[i] : default;
        return i >= 0;
    }
}
