namespace RiskEngine.Api.Webhooks;

public sealed record DiditCheck(double? Score = null);
