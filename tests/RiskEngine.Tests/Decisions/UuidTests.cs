namespace RiskEngine.Tests.Decisions;

public sealed class UuidTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 29, 22, 30, 15, 123, TimeSpan.Zero);

    private static UInt128 Bits(Guid id) => UInt128.Parse(id.ToString("N"), System.Globalization.NumberStyles.HexNumber);

    [Fact]
    public void A_version_7_id_starts_with_its_milliseconds_and_carries_the_rfc_version_and_variant()
    {
        var id = Uuid.Version7(At);

        Assert.Equal(At.ToUnixTimeMilliseconds().ToString("x12"), id.ToString("N")[..12]);
        Assert.Equal(7, id.Version);
        Assert.Equal(0b10, id.Variant >> 2);
    }

    [Fact]
    public void Every_random_bit_takes_both_values_and_nothing_else_changes_within_a_millisecond()
    {
        // 48 bits of time, 4 of version, 2 of variant: the other 74 are random.
        var fixedBits = (UInt128.MaxValue << 80) | ((UInt128)0xF << 76) | ((UInt128)0b11 << 62);
        UInt128 any = 0, all = UInt128.MaxValue;
        for (var i = 0; i < 2_000; i++)
        {
            var bits = Bits(Uuid.Version7(At));
            (any, all) = (any | bits, all & bits);
        }

        Assert.Equal(~fixedBits, (any ^ all) & ~fixedBits);
        Assert.Equal(UInt128.Zero, (any ^ all) & fixedBits);
    }

    [Fact]
    public void No_id_and_no_random_byte_repeats_another()
    {
        // Enough ids to draw the random stock several times over. In the id's byte order (RFC 9562), bytes 7 and 9 to
        // 15 are wholly random.
        int[] random = [7, 9, 10, 11, 12, 13, 14, 15];
        var ids = Enumerable.Range(0, 2_000).Select(_ => Convert.FromHexString(Uuid.Version7(At).ToString("N"))).ToList();

        Assert.Equal(ids.Count, ids.Select(Convert.ToHexString).Distinct().Count());

        foreach (var i in random)
            foreach (var j in random.Where(j => j > i))
                Assert.True(ids.Count(b => b[i] == b[j]) < 60, $"bytes {i} and {j} are equal too often"); // independent: about 8
    }

    [Fact]
    public void A_later_millisecond_sorts_after_an_earlier_one()
    {
        var earlier = Uuid.Version7(At).ToString("N");
        var later = Uuid.Version7(At.AddMilliseconds(1)).ToString("N");

        Assert.True(string.CompareOrdinal(later, earlier) > 0);
    }

    [Fact]
    public void A_time_before_the_unix_epoch_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Uuid.Version7(DateTimeOffset.UnixEpoch.AddMilliseconds(-1)));
}
