namespace RiskEngine.Users;

/// <summary>
/// A step-up session's id as a user's history keeps it: a UUID, as Didit and the sandbox give them, in 16 bytes, and any
/// other id as it came. As strings, a user's 64 kept ids took about 6 KB of heap and 2.5 KB of the stored history,
/// and put a hot user's history past the 64 objects Orleans' serializer tracks before it allocates a dictionary for
/// every write.
/// </summary>
[GenerateSerializer, Immutable, Alias("SessionRef")]
public readonly record struct SessionRef
{
    [Id(0)] public Guid Uuid { get; init; }

    /// <summary>An id that is not a UUID in its canonical lowercase form, which alone would not read back the same.</summary>
    [Id(1)] public string? Other { get; init; }

    public static SessionRef From(string id)
    {
        Span<char> canonical = stackalloc char[36];
        return Guid.TryParseExact(id, "D", out var uuid) && uuid.TryFormat(canonical, out _, "D") && canonical.SequenceEqual(id)
            ? new SessionRef { Uuid = uuid }
            : new SessionRef { Other = id };
    }

    /// <summary>The id exactly as the provider gave it.</summary>
    public override string ToString() => Other ?? Uuid.ToString("D");
}
