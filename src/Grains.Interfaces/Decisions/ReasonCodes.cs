using System.Reflection;
using System.Text.Json;

namespace RiskEngine.Decisions;

/// <summary>The wire names of <see cref="Reason"/>, read once from the enum's own JSON names.</summary>
public static class ReasonCodes
{
    private static readonly string[] Names = Enum.GetValues<Reason>()
        .Select(r => typeof(Reason).GetField(r.ToString())!.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()!.Name)
        .ToArray();

    internal static readonly JsonEncodedText[] Encoded = Names.Select(n => JsonEncodedText.Encode(n)).ToArray();

    public static string Name(Reason reason) => Names[(int)reason];

    public static bool TryParse(string name, out Reason reason)
    {
        var i = Array.IndexOf(Names, name);
        reason = (Reason)Math.Max(i, 0);
        return i >= 0;
    }
}
