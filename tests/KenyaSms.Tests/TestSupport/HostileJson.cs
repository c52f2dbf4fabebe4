using System.Text;

namespace KenyaSms.Tests.TestSupport;

/// <summary>
/// Seeded, structure-aware mutations of a JSON body for the parser fuzz tests: each one names its kind, so a run
/// can show that every kind was tried. Works on any bytes (a body already broken by an earlier mutation included).
/// </summary>
internal static class HostileJson
{
    public enum Kind
    {
        /// <summary>The body cut at a random byte.</summary>
        Truncation,

        /// <summary>A value replaced by one of another JSON type (object, array, string, number, boolean).</summary>
        TypeSwap,

        /// <summary>A value replaced by <c>null</c>.</summary>
        Null,

        /// <summary>A value wrapped in (or replaced by) 15 to 100,000 levels of arrays or objects.</summary>
        DeepNesting,

        /// <summary>A value replaced by a number (or numeric string) no decimal, long or double can hold, or barely can.</summary>
        HugeNumber,

        /// <summary>Bytes that are not UTF-8 (overlong, surrogates, truncated sequences, 0xFE/0xFF) inside a string or anywhere.</summary>
        InvalidUtf8,

        /// <summary>Byte order marks: UTF-8 (once, twice, inside), UTF-16 and UTF-32 ones, or the whole body re-encoded as UTF-16.</summary>
        Bom,

        /// <summary>One to three byte-level mutations of <see cref="JsonMutator"/> (bit flips, insertions, deletions, value swaps).</summary>
        Bytes,
    }

    public static readonly Kind[] Kinds = Enum.GetValues<Kind>();

    private static readonly string[] OtherTypes = ["{}", "[]", "{\"a\":1}", "[1,\"x\",null]", "true", "false", "0", "-1", "\"\"", "\"1000\"", "\"abc\"", "[[]]", "{\"status_code\":{}}"];

    private static readonly string[] HugeNumbers =
    [
        "1e309", "-1e309", "1e-400", "1E+2147483648", "9223372036854775808", "-9223372036854775809", "18446744073709551616",
        "79228162514264337593543950336", "-79228162514264337593543950336", "0.00000000000000000000000000000000000001",
        "1.7976931348623157e308", "4.9e-324", "-0", "-0.0", new string('9', 10_000), "1" + new string('0', 400) + ".5",
        "\"1e400\"", "\"79228162514264337593543950336\"", "\"" + new string('9', 5_000) + "\"", "\"NaN\"", "\"Infinity\"",
        "\"-Infinity\"", "\"0x10\"", "\"1,000\"", "\" 12 \"", "\"\u0661\u0662\"",
    ];

    private static readonly byte[][] NotUtf8 =
    [
        [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xC3], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF],
        [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80],
        [0xFE], [0xFF], [0xFF, 0xFE], [0x00],
    ];

    private static readonly int[] Depths = [15, 16, 17, 64, 1_000, 100_000];

    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>One mutation of <paramref name="input"/> of a kind picked at random.</summary>
    public static (byte[] Body, Kind Kind) Mutate(Random random, byte[] input)
    {
        Kind kind = Kinds[random.Next(Kinds.Length)];
        return (Mutate(random, input, kind), kind);
    }

    public static byte[] Mutate(Random random, byte[] input, Kind kind)
    {
        List<(int Start, int Length)> values = Values(input);
        (int start, int length) = values.Count == 0 ? (random.Next(input.Length + 1), 0) : values[random.Next(values.Count)];
        return kind switch
        {
            Kind.Truncation => input[..random.Next(input.Length + 1)],
            Kind.TypeSwap => Replace(input, start, length, Utf8(OtherTypes[random.Next(OtherTypes.Length)])),
            Kind.Null => Replace(input, start, length, "null"u8.ToArray()),
            Kind.DeepNesting => Nest(random, input, start, length),
            Kind.HugeNumber => Replace(input, start, length, Utf8(HugeNumbers[random.Next(HugeNumbers.Length)])),
            Kind.InvalidUtf8 => InsertNotUtf8(random, input, start, length),
            Kind.Bom => Bom(random, input),
            _ => JsonMutator.Mutate(random, input),
        };
    }

    /// <summary>
    /// The spans of the values in <paramref name="json"/> (strings, numbers, literals, whole objects and arrays; not
    /// property names), found leniently: a broken body still yields spans.
    /// </summary>
    public static List<(int Start, int Length)> Values(byte[] json)
    {
        var spans = new List<(int, int)>();
        var open = new Stack<int>();
        for (int i = 0; i < json.Length;)
        {
            byte b = json[i];
            if (b == '"')
            {
                int start = i++;
                while (i < json.Length && json[i] != '"')
                {
                    i += json[i] == '\\' ? 2 : 1;
                }

                i = Math.Min(i + 1, json.Length);
                if (NextNonSpace(json, i) != ':')
                {
                    spans.Add((start, i - start));
                }
            }
            else if (b is (byte)'{' or (byte)'[')
            {
                open.Push(i++);
            }
            else if (b is (byte)'}' or (byte)']')
            {
                if (open.Count > 0)
                {
                    int start = open.Pop();
                    spans.Add((start, i + 1 - start));
                }

                i++;
            }
            else if (b is (byte)'-' or (>= (byte)'0' and <= (byte)'9') or (byte)'t' or (byte)'f' or (byte)'n')
            {
                int start = i;
                while (i < json.Length && json[i] is not ((byte)',' or (byte)':' or (byte)']' or (byte)'}' or (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
                {
                    i++;
                }

                spans.Add((start, i - start));
            }
            else
            {
                i++;
            }
        }

        return spans;
    }

    private static int NextNonSpace(byte[] json, int from)
    {
        while (from < json.Length && json[from] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            from++;
        }

        return from < json.Length ? json[from] : -1;
    }

    private static byte[] Nest(Random random, byte[] input, int start, int length)
    {
        int depth = Depths[random.Next(Depths.Length)];
        bool arrays = random.Next(2) == 0;
        byte[] inner = random.Next(3) == 0 ? "1"u8.ToArray() : input[start..(start + length)];
        var nested = new List<byte>((depth * 6) + inner.Length);
        for (int d = 0; d < depth; d++)
        {
            nested.AddRange(arrays ? "["u8 : "{\"a\":"u8);
        }

        nested.AddRange(inner);
        for (int d = 0; d < depth; d++)
        {
            nested.Add(arrays ? (byte)']' : (byte)'}');
        }

        return Replace(input, start, length, [.. nested]);
    }

    private static byte[] InsertNotUtf8(Random random, byte[] input, int start, int length)
    {
        byte[] bad = NotUtf8[random.Next(NotUtf8.Length)];
        bool inString = length >= 2 && input[start] == '"';
        int at = inString ? start + 1 + random.Next(length - 1) : random.Next(input.Length + 1);
        return Replace(input, at, 0, bad);
    }

    private static byte[] Bom(Random random, byte[] input) => random.Next(7) switch
    {
        0 => [.. Utf8Bom, .. input],
        1 => [.. Utf8Bom, .. Utf8Bom, .. input],
        2 => [.. input, .. Utf8Bom],
        3 => Replace(input, random.Next(input.Length + 1), 0, Utf8Bom),
        4 => [0xFF, 0xFE, .. input],
        5 => [0x00, 0x00, 0xFE, 0xFF, .. input],
        _ => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(input))],
    };

    private static byte[] Replace(byte[] input, int index, int length, byte[] insert) =>
        [.. input.AsSpan(0, index), .. insert, .. input.AsSpan(index + length)];

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
