using System.Globalization;
using RiskEngine.Users;

namespace RiskEngine.Tests.Users;

public sealed class IdempotencyFingerprintTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);

    private static DecisionRequest Transfer(string device = "dev-1", string ip = "81.2.69.142", decimal? amount = 250.50m,
        string? currency = "EUR", UserAction action = UserAction.Transfer) =>
        new(action, device, IPAddress.Parse(ip), amount, currency, At, "key-1");

    // Fingerprints are stored with each kept answer for 24 h: the values must not change between versions, or a
    // platform's retry after an upgrade would be refused as a reused key.
    [Theory]
    [InlineData("dev-1", "81.2.69.142", "250.50", "EUR", 2074974349617234546UL)]
    [InlineData("dev-2", "2001:db8::1", "12000", "USD", 9928305728120860658UL)]
    [InlineData("dev-1", "81.2.69.142", null, null, 14367743013101452784UL)]
    public void Fingerprints_are_stable(string device, string ip, string? amount, string? currency, ulong expected)
    {
        var request = Transfer(device, ip, amount is null ? null : decimal.Parse(amount, CultureInfo.InvariantCulture), currency,
            amount is null ? UserAction.Login : UserAction.Transfer);
        Assert.Equal(expected, IdempotencyLog.Fingerprint(request));
    }

    [Fact]
    public void Whatever_the_decision_depends_on_changes_the_fingerprint()
    {
        var same = IdempotencyLog.Fingerprint(Transfer());
        Assert.Equal(same, IdempotencyLog.Fingerprint(Transfer() with { IdempotencyKey = "key-2", UserAgent = "other" }));
        Assert.NotEqual(same, IdempotencyLog.Fingerprint(Transfer(device: "dev-2")));
        Assert.NotEqual(same, IdempotencyLog.Fingerprint(Transfer(ip: "81.2.69.143")));
        Assert.NotEqual(same, IdempotencyLog.Fingerprint(Transfer(amount: 250.51m)));
        Assert.NotEqual(same, IdempotencyLog.Fingerprint(Transfer(currency: "USD")));
        Assert.NotEqual(same, IdempotencyLog.Fingerprint(Transfer(action: UserAction.SettingsChange)));
    }

    [Theory]
    [InlineData(256)] // the longest device id the API accepts
    [InlineData(1000)] // longer than the stack buffer: hashed from a pooled one
    public void Long_device_ids_are_fingerprinted_whole(int length)
    {
        var device = new string('d', length);
        Assert.NotEqual(IdempotencyLog.Fingerprint(Transfer(device: device)), IdempotencyLog.Fingerprint(Transfer(device: device[..^1] + "e")));
        Assert.Equal(IdempotencyLog.Fingerprint(Transfer(device: device)), IdempotencyLog.Fingerprint(Transfer(device: new string('d', length))));
    }
}
