namespace KenyaSms.Internal;

/// <summary>Masks what must not reach logs, exception messages or ToString().</summary>
internal static class Redact
{
    /// <summary>Masks a phone number, keeping the first 5 and last 2 characters: <c>+2547******56</c>.</summary>
    public static string Phone(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        const int head = 5, tail = 2;
        if (value.Length <= head + tail)
        {
            return new string('*', value.Length);
        }

        return string.Create(value.Length, value, static (span, v) =>
        {
            v.AsSpan(0, head).CopyTo(span);
            span[head..^tail].Fill('*');
            v.AsSpan(v.Length - tail).CopyTo(span[^tail..]);
        });
    }

    /// <summary>Masks a secret completely, saying only whether one is set.</summary>
    public static string Secret(string? value) => string.IsNullOrEmpty(value) ? "(not set)" : "***";

    /// <summary>
    /// A short, redacted start of a response body for exception messages: at most 120 characters,
    /// digit runs of 7 or more masked, values of key/token/secret/password fields masked.
    /// </summary>
    public static string Snippet(ReadOnlySpan<byte> utf8)
    {
        // STUB: filled in by the wire-format work.
        return utf8.IsEmpty ? "(empty body)" : $"({utf8.Length} bytes)";
    }
}
