using System.Text;
using System.Text.RegularExpressions;

namespace KenyaSms.Tests.TestSupport;

/// <summary>
/// Seeded byte-level mutations of a JSON body, for the readers' mini-fuzz test. Its tables and value patterns are
/// shared with <see cref="HostileMutation"/>'s byte-level operations.
/// </summary>
internal static partial class JsonMutator
{
    internal static readonly byte[] Interesting = "{}[]\",:\\0-.e+ tnf/*"u8.ToArray();
    internal static readonly string[] Numbers = ["0", "-1", "1000", "3.14", "1e400", "-1e-400", "123456789012345678901234567890"];
    internal static readonly string[] Strings = ["\"\"", "\"0\"", "\"abc\"", "\"1000\"", "true", "null", "{}", "[]", "\"\\uD800\""];

    /// <summary>One to three mutations of <paramref name="input"/>.</summary>
    public static byte[] Mutate(Random random, byte[] input)
    {
        byte[] current = input;
        for (int i = random.Next(1, 4); i > 0; i--)
        {
            current = MutateOnce(random, current);
        }

        return current;
    }

    private static byte[] MutateOnce(Random random, byte[] input)
    {
        if (input.Length == 0)
        {
            return [Interesting[random.Next(Interesting.Length)]];
        }

        int at = random.Next(input.Length);
        return random.Next(6) switch
        {
            0 => input[..at],
            1 => Replace(input, at, 1, [(byte)(input[at] ^ (1 << random.Next(8)))]),
            2 => Replace(input, at, 0, [random.Next(2) == 0 ? Interesting[random.Next(Interesting.Length)] : (byte)random.Next(256)]),
            3 => Replace(input, at, 1, []),
            4 => SwapValue(random, input, StringValue(), Numbers),
            _ => SwapValue(random, input, NumberValue(), Strings),
        };
    }

    // Latin-1 maps bytes to chars one to one, so match positions are byte positions.
    private static byte[] SwapValue(Random random, byte[] input, Regex value, string[] replacements)
    {
        MatchCollection matches = value.Matches(Encoding.Latin1.GetString(input));
        if (matches.Count == 0)
        {
            return input;
        }

        Group target = matches[random.Next(matches.Count)].Groups["v"];
        return Replace(input, target.Index, target.Length, Encoding.UTF8.GetBytes(replacements[random.Next(replacements.Length)]));
    }

    private static byte[] Replace(byte[] input, int index, int length, byte[] insert) =>
        [.. input.AsSpan(0, index), .. insert, .. input.AsSpan(index + length)];

    /// <summary>A string value (group "v") after a colon, bracket or comma.</summary>
    [GeneratedRegex("""[:\[,]\s*(?<v>"(?:[^"\\]|\\.)*")""")]
    internal static partial Regex StringValue();

    /// <summary>A number value (group "v") after a colon, bracket or comma.</summary>
    [GeneratedRegex("""[:\[,]\s*(?<v>-?[0-9][0-9.eE+\-]*)""")]
    internal static partial Regex NumberValue();
}
