namespace RiskEngine.StepUps;

/// <summary>One entry of a session's history: the status it moved to and when (the event's own time).</summary>
[GenerateSerializer, Immutable, Alias("StatusChange")]
public sealed record StatusChange([property: Id(0)] SessionStatus Status, [property: Id(1)] DateTimeOffset At);
