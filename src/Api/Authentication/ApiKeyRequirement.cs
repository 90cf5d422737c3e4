namespace RiskEngine.Api.Authentication;

/// <summary>Endpoint metadata: this endpoint needs an <c>x-api-key</c> with these scopes.</summary>
public sealed record ApiKeyRequirement(ApiScopes Scopes);
