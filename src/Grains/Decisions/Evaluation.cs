namespace RiskEngine.Decisions;

/// <summary>What the evaluator concluded: the outcome, the method for a step-up, the score and why.</summary>
public readonly record struct Evaluation(Outcome Outcome, StepUpMethod? Method, int Score, ReasonSet Reasons);
