namespace RiskEngine.Users;

[GenerateSerializer, Alias("TransferRecord")]
public struct TransferRecord
{
    [Id(0)] public DateTime At;
    [Id(1)] public string Currency;
    [Id(2)] public decimal Amount;
}
