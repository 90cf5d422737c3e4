using RiskEngine.StepUps;

namespace RiskEngine.Didit;

public sealed record DiditSessionMetadata(StepUpReason Reason, decimal? Amount, string DecisionId);
