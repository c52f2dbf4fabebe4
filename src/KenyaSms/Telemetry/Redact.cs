using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using KenyaSms.Json;

namespace KenyaSms.Telemetry;

/// <summary>Masks what must not reach logs, exception messages or ToString().</summary>
internal static partial class Redact
{
    /// <summary>Masks a phone number, keeping the first 5 and last 2 characters: <c>+2547******56</c>.</summary>
    public static string Phone(string? value)
    {
        if (value is null || value.Length == 0)
        {
            return string.Empty;
        }

        const int head = 5, tail = 2;
        if (value.Length <= head + tail)
        {
            return new string('*', value.Length);
        }

        return StringFactory.Create(value.Length, value, static (span, v) =>
        {
            v.AsSpan(0, head).CopyTo(span);
            span[head..^tail].Fill('*');
            v.AsSpan(v.Length - tail).CopyTo(span[^tail..]);
        });
    }

    /// <summary>Masks a secret completely, saying only whether one is set.</summary>
    public static string Secret(string? value) => string.IsNullOrEmpty(value) ? "(not set)" : "***";

    private const int SnippetChars = 120;

    // Enough for 120 characters after whitespace is collapsed and secrets shrink to ***, without decoding a megabyte.
    private const int SnippetWindowBytes = 1024;

    /// <summary>
    /// A short, redacted start of a response body for exception messages: at most 120 characters (with
    /// a trailing ellipsis when cut), whitespace and control characters collapsed to one space, digit runs
    /// of 7 or more masked but for the first 3 and last 2, values of fields named like key, token, secret,
    /// password or username masked, key-like runs of 32+ letters and digits masked. Never throws.
    /// </summary>
    public static string Snippet(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return "(empty body)";
        }

        bool cut = utf8.Length > SnippetWindowBytes;
        ReadOnlySpan<char> decoded = Encoding.UTF8.GetString(cut ? utf8[..CharStart(utf8, SnippetWindowBytes)] : utf8);
        if (cut)
        {
            // The window may end inside a phone number: its visible start would not be masked below.
            decoded = decoded.TrimEnd("0123456789");
        }

        string text = CollapseWhitespace(decoded);
        text = SecretField().Replace(text, static m => m.Groups["head"].Value + Quoted(m.Groups["value"].Value.AsSpan()));
        text = LongToken().Replace(text, "***");
        text = DigitRun().Replace(text, static m => StringFactory.Concat(m.Value.AsSpan(0, 3), new string('*', m.Length - 5).AsSpan(), m.Value.AsSpan(m.Length - 2)));
        if (text.Length == 0)
        {
            return "(blank body)";
        }

        if (!cut && text.Length <= SnippetChars)
        {
            return text;
        }

        int keep = Math.Min(text.Length, SnippetChars - 1);
        if (char.IsHighSurrogate(text[keep - 1]))
        {
            keep--;
        }

        return StringFactory.Concat(text.AsSpan(0, keep), "\u2026".AsSpan());
    }

    // The start of the UTF-8 sequence at or before index, so the window never splits a character.
    private static int CharStart(ReadOnlySpan<byte> utf8, int index)
    {
        int start = index;
        while (start > index - 3 && (utf8[start] & 0xC0) == 0x80)
        {
            start--;
        }

        return start;
    }

    // Line breaks, tabs, control and format characters (RTL marks, BOM) become one space; the ends are trimmed.
    private static string CollapseWhitespace(ReadOnlySpan<char> text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            bool blank = char.IsWhiteSpace(c) || char.IsControl(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format;
            if (!blank)
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != ' ')
            {
                builder.Append(' ');
            }
        }

        return builder.ToString().TrimEnd();
    }

    private static string Quoted(ReadOnlySpan<char> value) => value switch
    {
        ['\\', '"', ..] => "\\\"***\\\"",
        ['"', ..] => "\"***\"",
        ['\'', ..] => "'***'",
        _ => "***",
    };

    // A field whose name mentions a secret, JSON-ish ("api_key":"x", api_key: x, 'api_key' => 'x', api_key=x,
    // and escaped inside a string: \"api_key\":\"x\"), and its value: a quoted string (to its closing quote,
    // or to the end when cut) or a bare token. Over-masking an odd value is fine; under-masking is not.
    // Names are tried at word starts only, so a long run of "keykey..." stays quadratic at worst, not cubic.
    private const string SecretFieldPattern = """(?<![\w.\-])(?<head>[\w.\-]*(?:key|token|secret|password|username)[\w.\-]*(?:\\?["'])?\s*(?:=>|[:=])\s*)(?<value>\\?"(?:[^"\\]|\\.)*"?|'[^']*'?|[^\s"',;&<>{}\[\]()]+)""";
    private const RegexOptions SecretFieldOptions = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    // A long unbroken run of letters and digits looks like a key (Synqtel's are 64 hex characters) even without its name.
    private const string LongTokenPattern = "[A-Za-z0-9_\\-]{32,}";

    private const string DigitRunPattern = "[0-9]{7,}";

#if NETSTANDARD2_0
    // No regex source generator before .NET 7: the same patterns, built once.
    private static readonly Regex SecretFieldRegex = new(SecretFieldPattern, SecretFieldOptions);
    private static readonly Regex LongTokenRegex = new(LongTokenPattern, RegexOptions.CultureInvariant);
    private static readonly Regex DigitRunRegex = new(DigitRunPattern, RegexOptions.CultureInvariant);

    private static Regex SecretField() => SecretFieldRegex;

    private static Regex LongToken() => LongTokenRegex;

    private static Regex DigitRun() => DigitRunRegex;
#else
    [GeneratedRegex(SecretFieldPattern, SecretFieldOptions)]
    private static partial Regex SecretField();

    [GeneratedRegex(LongTokenPattern, RegexOptions.CultureInvariant)]
    private static partial Regex LongToken();

    [GeneratedRegex(DigitRunPattern, RegexOptions.CultureInvariant)]
    private static partial Regex DigitRun();
#endif
}
