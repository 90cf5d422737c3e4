namespace RiskEngine.Didit;

/// <summary>A page of Didit's session list (<c>GET /v3/sessions/</c>); fields the engine does not use are left out.</summary>
public sealed record DiditSessionList(int Count, IReadOnlyList<DiditSessionListItem>? Results);
