namespace RiskEngine.Users;

/// <summary>The latest Approved step-up of a method from a device.</summary>
[GenerateSerializer, Alias("StepUpApproval")]
public struct StepUpApproval
{
    [Id(0)] public ulong Device;
    [Id(1)] public StepUpMethod Method;
    [Id(2)] public DateTime At;
}
