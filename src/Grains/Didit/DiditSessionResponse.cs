namespace RiskEngine.Didit;

/// <summary>Didit's 201 answer to a session creation (fields the engine does not use are left out).</summary>
public sealed record DiditSessionResponse(string? SessionId, long? SessionNumber, string? Url, string? Status, string? WorkflowId, string? VendorData);
