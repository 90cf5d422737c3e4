namespace RiskEngine.Decisions;

/// <summary>The wire names of <see cref="Reason"/> (e.g. <c>new_device</c>).</summary>
public static class ReasonCodes
{
    public static string Name(Reason reason) => JsonEnumNames<Reason>.Name(reason);

    public static bool TryParse(string name, out Reason reason) => JsonEnumNames<Reason>.TryParse(name, out reason);
}
