namespace RiskEngine.StepUps;

/// <summary>A status change still to be told to the user grain or the platform, kept until delivered.</summary>
[GenerateSerializer, Alias("OutboxItem")]
public sealed class OutboxItem
{
    /// <summary>Stable across retries: the platform de-duplicates callbacks by it.</summary>
    [Id(0)] public required string EventId { get; init; }
    [Id(1)] public required OutboxKind Kind { get; init; }
    [Id(2)] public required SessionStatus Status { get; init; }

    /// <summary>When the status changed (the event's own time).</summary>
    [Id(3)] public required DateTimeOffset At { get; init; }
    [Id(4)] public required DateTimeOffset CreatedAt { get; init; }
    [Id(5)] public int Attempts { get; set; }
    [Id(6)] public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>Why the last attempt failed, for the platform's engineers (see <see cref="PendingCallback"/>).</summary>
    [Id(7)] public string? LastError { get; set; }
}
