namespace RiskEngine.Users;

/// <summary>An answer kept apart from its user's log, as <see cref="SpilledAnswers"/> stores it: nonce, tag, ciphertext.</summary>
[GenerateSerializer, Alias("SealedAnswer")]
public sealed class SealedAnswer
{
    [Id(0)] public byte[]? Data { get; set; }
}
