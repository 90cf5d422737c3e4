namespace RiskEngine.Decisions;

/// <summary>A set of <see cref="Reason"/>s in one machine word: the decision path never allocates a list.</summary>
[GenerateSerializer, Immutable, Alias("ReasonSet")]
[JsonConverter(typeof(ReasonSetJsonConverter))]
public readonly record struct ReasonSet([property: Id(0)] uint Bits)
{
    public static ReasonSet Empty => default;

    public bool IsEmpty => Bits == 0;

    public int Count => System.Numerics.BitOperations.PopCount(Bits);

    public bool Contains(Reason reason) => (Bits & (1u << (int)reason)) != 0;

    public ReasonSet With(Reason reason) => new(Bits | (1u << (int)reason));

    public ReasonSet Without(Reason reason) => new(Bits & ~(1u << (int)reason));

    public static ReasonSet Of(params ReadOnlySpan<Reason> reasons)
    {
        var set = Empty;
        foreach (var reason in reasons) set = set.With(reason);
        return set;
    }

    public Enumerator GetEnumerator() => new(Bits);

    public override string ToString() => string.Join(",", ToArray());

    public Reason[] ToArray()
    {
        var result = new Reason[Count];
        var i = 0;
        foreach (var reason in this) result[i++] = reason;
        return result;
    }

    /// <summary>Yields reasons in declaration order, lowest bit first.</summary>
    public struct Enumerator(uint bits)
    {
        private uint _remaining = bits;

        public Reason Current { get; private set; }

        public bool MoveNext()
        {
            if (_remaining == 0) return false;
            var bit = System.Numerics.BitOperations.TrailingZeroCount(_remaining);
            _remaining &= _remaining - 1;
            Current = (Reason)bit;
            return true;
        }
    }
}
