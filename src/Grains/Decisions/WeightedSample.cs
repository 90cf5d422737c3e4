namespace RiskEngine.Decisions;

/// <summary>A kept decision and how many decisions it stands for (those of its quarter hour over those kept of it).</summary>
public readonly record struct WeightedSample(DecisionSample Sample, double Weight);
