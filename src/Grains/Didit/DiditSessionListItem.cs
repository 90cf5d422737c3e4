namespace RiskEngine.Didit;

/// <summary>One row of <see cref="DiditSessionList"/>: only its id (rows also carry names and portrait links, never read).</summary>
public sealed record DiditSessionListItem(string? SessionId);
