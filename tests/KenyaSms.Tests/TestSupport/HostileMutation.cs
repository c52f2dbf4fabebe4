using System.Text;
using System.Text.RegularExpressions;
using CsCheck;

namespace KenyaSms.Tests.TestSupport;

/// <summary>
/// Structure-aware mutations of a JSON body for the parser and adapter fuzz tests, as CsCheck generators: a case is
/// a short list of <see cref="Op"/>s applied in order to a verbatim provider fixture. Every choice an op makes (which
/// value, which byte, which replacement) is a small number drawn by the generator, so CsCheck shrinks a failing case
/// to fewer ops and smaller choices (the first value, the first replacement), not to meaningless bytes. Works on any
/// bytes (a body already broken by an earlier op included).
/// </summary>
internal static class HostileMutation
{
    public enum Kind
    {
        /// <summary>The body cut at a byte.</summary>
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

        /// <summary>One byte-level mutation as <see cref="JsonMutator"/> makes them (cut, bit flip, insertion, deletion, value swap).</summary>
        Bytes,
    }

    public static readonly Kind[] Kinds = Enum.GetValues<Kind>();

    /// <summary>
    /// One to three ops: mostly a body mutated once (as often readable as the old one-mutation fuzzing made them), else a
    /// mutation of a mutation.
    /// </summary>
    public static readonly Gen<Op[]> Ops = Gen.Frequency((6, Gen.Const(1)), (3, Gen.Const(2)), (1, Gen.Const(3)))
        .SelectMany(count => Gen.Enum<Kind>().SelectMany(OpOf).Array[count]);

    // Where an op acts is drawn from [0, Anywhere] and taken modulo what the body it meets has (values, bytes): any
    // place in a body of any size, and 0 (the first) is where a shrink heads.
    private const int Anywhere = 1 << 20;

    private static readonly Gen<int> Place = Gen.Int[0, Anywhere];

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

    private static readonly string[] BomVariants =
    [
        "UTF-8 BOM before", "two UTF-8 BOMs before", "UTF-8 BOM after", "UTF-8 BOM inside", "UTF-16 LE BOM before",
        "UTF-32 BE BOM before", "whole body re-encoded as UTF-16 LE with its BOM",
    ];

    private static readonly string[] ByteVariants = ["cut", "bit flip", "insert", "delete", "string value to", "number value to"];

    /// <summary>
    /// One mutation. <c>At</c> picks the value (or byte) it acts on, <c>Pick</c> the replacement (or byte,
    /// or bit), <c>Variant</c> how (BOM placement, nesting shape, byte-level operation, a place inside a string).
    /// </summary>
    public sealed record Op(Kind Kind, int At, int Pick = 0, int Variant = 0);

    /// <summary>The body <paramref name="ops"/> make of <paramref name="seed"/>, and (with a trace) what each did, readably.</summary>
    public static byte[] Apply(byte[] seed, IReadOnlyList<Op> ops, List<string>? trace = null)
    {
        byte[] body = seed;
        foreach (Op op in ops)
        {
            body = Apply(body, op, trace);
        }

        return body;
    }

    /// <summary>A failing case for CsCheck's <c>print:</c> the seed fixture, each op as applied, and the body they made.</summary>
    public static string Describe(string seedName, byte[] seed, IReadOnlyList<Op> ops)
    {
        var trace = new List<string>();
        byte[] body = Apply(seed, ops, trace);
        return $"{seedName} ({seed.Length} bytes), then:\n" + string.Concat(trace.Select((t, i) => $"  {i + 1}. {t}\n"))
            + $"body ({body.Length} bytes, non-ASCII bytes as \\xNN): {Show(body, 2_000)}";
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

    /// <summary>Bytes as text: printable ASCII as is, any other byte as \xNN; longer than <paramref name="max"/>, its middle elided.</summary>
    public static string Show(ReadOnlySpan<byte> bytes, int max)
    {
        if (bytes.Length > max)
        {
            int head = max * 3 / 4;
            int tail = max - head;
            return Show(bytes[..head], max) + $" …({bytes.Length - max} bytes)… " + Show(bytes[^tail..], max);
        }

        var text = new StringBuilder(bytes.Length);
        for (int i = 0; i < bytes.Length; i++)
        {
            byte b = bytes[i];
            bool literalEscape = b == '\\' && i + 1 < bytes.Length && bytes[i + 1] == 'x';
            text.Append(b is >= 0x20 and < 0x7F && !literalEscape ? ((char)b).ToString() : $"\\x{b:X2}");
        }

        return text.ToString();
    }

    private static Gen<Op> OpOf(Kind kind) => kind switch
    {
        Kind.Truncation or Kind.Null => Place.Select(at => new Op(kind, at)),
        Kind.TypeSwap => Gen.Select(Place, Gen.Int[0, OtherTypes.Length - 1], (at, pick) => new Op(kind, at, pick)),
        // Variant: even wraps in arrays, odd in objects; 0 and 1 nest the number 1 instead of the value (a third of them).
        Kind.DeepNesting => Gen.Select(Place, Gen.Int[0, Depths.Length - 1], Gen.Int[0, 5], (at, pick, variant) => new Op(kind, at, pick, variant)),
        Kind.HugeNumber => Gen.Select(Place, Gen.Int[0, HugeNumbers.Length - 1], (at, pick) => new Op(kind, at, pick)),
        // Variant: where in the string value (or, when the value is not a string, anywhere in the body).
        Kind.InvalidUtf8 => Gen.Select(Place, Gen.Int[0, NotUtf8.Length - 1], Place, (at, pick, variant) => new Op(kind, at, pick, variant)),
        Kind.Bom => Gen.Select(Place, Gen.Int[0, BomVariants.Length - 1], (at, variant) => new Op(kind, at, 0, variant)),
        // Pick: the bit to flip (mod 8), the byte to insert (under 256 one of JsonMutator's interesting bytes, else
        // any byte), or the replacing value.
        _ => Gen.Select(Place, Gen.Int[0, 511], Gen.Int[0, ByteVariants.Length - 1], (at, pick, variant) => new Op(kind, at, pick, variant)),
    };

    private static byte[] Apply(byte[] input, Op op, List<string>? trace)
    {
        if (op.Kind is Kind.Truncation)
        {
            int cut = op.At % (input.Length + 1);
            trace?.Add($"Truncation: cut at byte {cut} of {input.Length}");
            return input[..cut];
        }

        if (op.Kind is Kind.Bom)
        {
            return Bom(input, op, trace);
        }

        if (op.Kind is Kind.Bytes)
        {
            return Bytes(input, op, trace);
        }

        List<(int Start, int Length)> values = Values(input);
        (int start, int length) = values.Count == 0 ? (op.At % (input.Length + 1), 0) : values[op.At % values.Count];
        string value = values.Count == 0 ? $"no value found: the empty span at byte {start}" : $"value {op.At % values.Count} of {values.Count}, bytes {start}..{start + length} ({Show(input.AsSpan(start, length), 60)})";
        switch (op.Kind)
        {
            case Kind.TypeSwap:
                trace?.Add($"TypeSwap: {value} replaced by {OtherTypes[op.Pick]}");
                return Replace(input, start, length, Utf8(OtherTypes[op.Pick]));
            case Kind.Null:
                trace?.Add($"Null: {value} replaced by null");
                return Replace(input, start, length, "null"u8.ToArray());
            case Kind.HugeNumber:
                trace?.Add($"HugeNumber: {value} replaced by {Show(Utf8(HugeNumbers[op.Pick]), 60)}");
                return Replace(input, start, length, Utf8(HugeNumbers[op.Pick]));
            case Kind.DeepNesting:
                return Nest(input, start, length, op, value, trace);
            default:
                bool inString = length >= 2 && input[start] == '"';
                int at = inString ? start + 1 + (op.Variant % (length - 1)) : op.Variant % (input.Length + 1);
                trace?.Add($"InvalidUtf8: {Show(NotUtf8[op.Pick], 20)} inserted at byte {at} ({(inString ? "inside " + value : "not in a string: " + value + " is not one")})");
                return Replace(input, at, 0, NotUtf8[op.Pick]);
        }
    }

    private static byte[] Nest(byte[] input, int start, int length, Op op, string value, List<string>? trace)
    {
        int depth = Depths[op.Pick];
        bool arrays = op.Variant % 2 == 0;
        bool one = op.Variant < 2;
        byte[] inner = one ? "1"u8.ToArray() : input[start..(start + length)];
        trace?.Add($"DeepNesting: {value} replaced by {(one ? "the number 1" : "itself")} in {depth} levels of {(arrays ? "[...]" : "{\"a\":...}")}");
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

    private static byte[] Bom(byte[] input, Op op, List<string>? trace)
    {
        int at = op.At % (input.Length + 1);
        trace?.Add($"Bom: {BomVariants[op.Variant]}{(op.Variant == 3 ? $" at byte {at}" : string.Empty)}");
        return op.Variant switch
        {
            0 => [.. Utf8Bom, .. input],
            1 => [.. Utf8Bom, .. Utf8Bom, .. input],
            2 => [.. input, .. Utf8Bom],
            3 => Replace(input, at, 0, Utf8Bom),
            4 => [0xFF, 0xFE, .. input],
            5 => [0x00, 0x00, 0xFE, 0xFF, .. input],
            _ => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(input))],
        };
    }

    // JsonMutator's byte-level mutations, one per op.
    private static byte[] Bytes(byte[] input, Op op, List<string>? trace)
    {
        if (input.Length == 0)
        {
            byte only = JsonMutator.Interesting[op.Pick % JsonMutator.Interesting.Length];
            trace?.Add($"Bytes: empty body becomes {Show([only], 4)}");
            return [only];
        }

        int at = op.At % input.Length;
        switch (op.Variant)
        {
            case 0:
                trace?.Add($"Bytes: cut at byte {at} of {input.Length}");
                return input[..at];
            case 1:
                byte flipped = (byte)(input[at] ^ (1 << (op.Pick % 8)));
                trace?.Add($"Bytes: bit {op.Pick % 8} of byte {at} flipped ({Show(input.AsSpan(at, 1), 4)} to {Show([flipped], 4)})");
                return Replace(input, at, 1, [flipped]);
            case 2:
                byte inserted = op.Pick < 256 ? JsonMutator.Interesting[op.Pick % JsonMutator.Interesting.Length] : (byte)(op.Pick - 256);
                trace?.Add($"Bytes: {Show([inserted], 4)} inserted at byte {at}");
                return Replace(input, at, 0, [inserted]);
            case 3:
                trace?.Add($"Bytes: byte {at} ({Show(input.AsSpan(at, 1), 4)}) deleted");
                return Replace(input, at, 1, []);
            case 4:
                return SwapValue(input, op, JsonMutator.StringValue(), JsonMutator.Numbers, trace);
            default:
                return SwapValue(input, op, JsonMutator.NumberValue(), JsonMutator.Strings, trace);
        }
    }

    // Latin-1 maps bytes to chars one to one, so match positions are byte positions.
    private static byte[] SwapValue(byte[] input, Op op, Regex value, string[] replacements, List<string>? trace)
    {
        MatchCollection matches = value.Matches(Encoding.Latin1.GetString(input));
        if (matches.Count == 0)
        {
            trace?.Add($"Bytes: {ByteVariants[op.Variant]} ...: no such value, body unchanged");
            return input;
        }

        Group target = matches[op.At % matches.Count].Groups["v"];
        string replacement = replacements[op.Pick % replacements.Length];
        trace?.Add($"Bytes: {ByteVariants[op.Variant]} {replacement}: match {op.At % matches.Count} of {matches.Count}, bytes {target.Index}..{target.Index + target.Length} ({Show(input.AsSpan(target.Index, target.Length), 60)})");
        return Replace(input, target.Index, target.Length, Utf8(replacement));
    }

    private static int NextNonSpace(byte[] json, int from)
    {
        while (from < json.Length && json[from] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            from++;
        }

        return from < json.Length ? json[from] : -1;
    }

    private static byte[] Replace(byte[] input, int index, int length, byte[] insert) =>
        [.. input.AsSpan(0, index), .. insert, .. input.AsSpan(index + length)];

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
