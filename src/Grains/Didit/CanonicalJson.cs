using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace RiskEngine.Didit;

/// <summary>
/// Didit's canonical JSON, the message of <c>X-Signature-V2</c>: object keys sorted by code point, no
/// whitespace, non-ASCII written as itself, only <c>"</c>, <c>\</c> and control characters escaped, whole
/// floats written as integers (<c>96.0</c> → <c>96</c>) and other numbers in their shortest form
/// (<c>91.50</c> → <c>91.5</c>). Byte for byte what Python's
/// <c>json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"))</c> writes.
/// </summary>
public static class CanonicalJson
{
    /// <exception cref="JsonException">the input is not JSON.</exception>
    public static byte[] Canonicalize(ReadOnlyMemory<byte> json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
        var text = new StringBuilder(json.Length);
        Write(document.RootElement, text);
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static void Write(JsonElement element, StringBuilder output)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                // Python dicts keep the last of duplicate keys, in code-point order of the keys.
                var members = new SortedDictionary<string, JsonElement>(CodePointComparer.Instance);
                foreach (var property in element.EnumerateObject()) members[property.Name] = property.Value;
                output.Append('{');
                var first = true;
                foreach (var (name, value) in members)
                {
                    if (!first) output.Append(',');
                    first = false;
                    WriteString(name, output);
                    output.Append(':');
                    Write(value, output);
                }
                output.Append('}');
                break;
            case JsonValueKind.Array:
                output.Append('[');
                var firstItem = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!firstItem) output.Append(',');
                    firstItem = false;
                    Write(item, output);
                }
                output.Append(']');
                break;
            case JsonValueKind.String:
                WriteString(element.GetString()!, output);
                break;
            case JsonValueKind.Number:
                WriteNumber(element.GetRawText(), output);
                break;
            case JsonValueKind.True:
                output.Append("true");
                break;
            case JsonValueKind.False:
                output.Append("false");
                break;
            default:
                output.Append("null");
                break;
        }
    }

    private static void WriteString(string value, StringBuilder output)
    {
        output.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': output.Append("\\\""); break;
                case '\\': output.Append("\\\\"); break;
                case '\n': output.Append("\\n"); break;
                case '\r': output.Append("\\r"); break;
                case '\t': output.Append("\\t"); break;
                case '\b': output.Append("\\b"); break;
                case '\f': output.Append("\\f"); break;
                case < ' ': output.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: output.Append(c); break;
            }
        }
        output.Append('"');
    }

    /// <summary>Integers keep their digits; floats that are whole become integers; others take Python's float repr.</summary>
    private static void WriteNumber(string raw, StringBuilder output)
    {
        if (raw.AsSpan().IndexOfAny('.', 'e', 'E') < 0)
        {
            output.Append(BigInteger.Parse(raw, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
            return;
        }
        var value = double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (double.IsFinite(value) && Math.Floor(value) == value)
        {
            output.Append(new BigInteger(value).ToString(CultureInfo.InvariantCulture));
            return;
        }
        output.Append(PythonFloatRepr(value));
    }

    /// <summary>Shortest round-trip digits, laid out as Python's repr: scientific below 1e-4 and from 1e16.</summary>
    private static string PythonFloatRepr(double value)
    {
        // "E16" would not be shortest; "R" gives the shortest digits, which are re-laid out below.
        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        var negative = shortest.StartsWith('-');
        if (negative) shortest = shortest[1..];

        var exponentAt = shortest.IndexOfAny(['E', 'e']);
        var mantissa = exponentAt < 0 ? shortest : shortest[..exponentAt];
        var exponent = exponentAt < 0 ? 0 : int.Parse(shortest[(exponentAt + 1)..], CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.');
        var digits = (point < 0 ? mantissa : mantissa.Remove(point, 1)).TrimStart('0');
        var leadingZeros = (point < 0 ? mantissa : mantissa.Remove(point, 1)).Length - digits.Length;
        // Decimal exponent of the first significant digit.
        var decimalExponent = (point < 0 ? mantissa.Length : point) - 1 - leadingZeros + exponent;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0) digits = "0";

        string text;
        if (decimalExponent < -4 || decimalExponent >= 16)
        {
            var body = digits.Length == 1 ? digits : digits[0] + "." + digits[1..];
            text = body + "e" + (decimalExponent < 0 ? "-" : "+") + Math.Abs(decimalExponent).ToString("00", CultureInfo.InvariantCulture);
        }
        else if (decimalExponent < 0)
        {
            text = "0." + new string('0', -decimalExponent - 1) + digits;
        }
        else
        {
            var intDigits = decimalExponent + 1;
            text = digits.Length <= intDigits
                ? digits + new string('0', intDigits - digits.Length) + ".0"
                : digits[..intDigits] + "." + digits[intDigits..];
        }
        return negative ? "-" + text : text;
    }

    /// <summary>Orders strings by Unicode code point, as Python does (UTF-16 order differs above U+FFFF).</summary>
    private sealed class CodePointComparer : IComparer<string>
    {
        public static readonly CodePointComparer Instance = new();

        public int Compare(string? x, string? y)
        {
            var a = x.AsSpan().EnumerateRunes();
            var b = y.AsSpan().EnumerateRunes();
            while (true)
            {
                var hasA = a.MoveNext();
                var hasB = b.MoveNext();
                if (!hasA || !hasB) return hasA.CompareTo(hasB);
                var order = a.Current.Value.CompareTo(b.Current.Value);
                if (order != 0) return order;
            }
        }
    }
}
