using System.Globalization;

#if NET9_0_OR_GREATER || NETSTANDARD2_0
using System.Runtime.InteropServices;
#endif
#if NET9_0_OR_GREATER
using System.Text;
#endif
using System.Text.Json;
#if !NETSTANDARD2_0
using System.Text.Unicode;
#endif

using KenyaSms.Telemetry;

namespace KenyaSms.Json;

/// <summary>
/// Defensive reading of provider JSON, shared by the response readers: one parse entry point that turns
/// every failure into <see cref="InvalidProviderResponseException"/>, and scalar readers that accept a
/// number or a string alike and treat <c>""</c>, <c>null</c>, booleans, objects and arrays as "none".
/// </summary>
internal static class JsonValues
{
    // Real responses are two levels deep; 16 leaves room for drift and stops nesting bombs early.
    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 16,
    };

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = ReaderOptions.AllowTrailingCommas,
        CommentHandling = ReaderOptions.CommentHandling,
        MaxDepth = ReaderOptions.MaxDepth,
    };

    /// <summary>
    /// Parses the whole body (a UTF-8 BOM is allowed) and maps its root with <paramref name="map"/>.
    /// <paramref name="map"/> reports a meaningless shape by throwing <see cref="Invalid"/>; the snippet is added here.
    /// </summary>
    public static T Read<T>(ReadOnlySpan<byte> utf8, Func<JsonElement, T> map)
    {
        ReadOnlySpan<byte> body = WithoutBom(utf8);
        try
        {
            if (!Utf8.IsValid(body))
            {
                throw Invalid("the body is not valid UTF-8");
            }

            var reader = new Utf8JsonReader(body, ReaderOptions);
            using JsonDocument document = JsonDocument.ParseValue(ref reader);
            if (reader.Read())
            {
                throw Invalid("the body holds more than one JSON value");
            }

            return map(document.RootElement);
        }
        catch (Exception ex) when (IsUnreadable(ex))
        {
            throw Unreadable(ex, utf8);
        }
    }

    /// <summary>
    /// Parses the whole body (a UTF-8 BOM is allowed) into a document over <paramref name="utf8"/> itself (no copy),
    /// for callers that map it more than once (<see cref="Map"/>); the caller disposes it. The same checks as <see cref="Read"/>.
    /// </summary>
    public static JsonDocument Parse(ReadOnlyMemory<byte> utf8)
    {
        ReadOnlyMemory<byte> body = utf8[(utf8.Length - WithoutBom(utf8.Span).Length)..];
        try
        {
            // Trailing content after the value is a JsonException here, as Read's reader reports it.
            return Utf8.IsValid(body.Span)
                ? JsonDocument.Parse(body, DocumentOptions)
                : throw Invalid("the body is not valid UTF-8");
        }
        catch (Exception ex) when (IsUnreadable(ex))
        {
            throw Unreadable(ex, utf8.Span);
        }
    }

    /// <summary>Maps a root from <see cref="Parse"/> as <see cref="Read"/> does, failures included (<paramref name="utf8"/> gives the snippet).</summary>
    public static T Map<T>(ReadOnlySpan<byte> utf8, JsonElement root, Func<JsonElement, T> map)
    {
        try
        {
            return map(root);
        }
        catch (Exception ex) when (IsUnreadable(ex))
        {
            throw Unreadable(ex, utf8);
        }
    }

    private static ReadOnlySpan<byte> WithoutBom(ReadOnlySpan<byte> utf8) => utf8.StartsWith("\uFEFF"u8) ? utf8[3..] : utf8;

    // JsonElement.GetString and JsonProperty.Name refuse escapes that are not valid UTF-16 (a lone "\uD800"): InvalidOperationException.
    private static bool IsUnreadable(Exception ex) => ex is InvalidProviderResponseException or JsonException or InvalidOperationException;

    // What a failure IsUnreadable accepts becomes, with the body's snippet. A JsonException is not kept as the inner
    // exception: its message quotes the body unredacted (an invalid literal "'f\"+254712244243\"' is an invalid JSON
    // literal", a key the same way); the reason and the redacted snippet say what is wrong. InvalidOperationException's
    // message quotes no body.
    private static InvalidProviderResponseException Unreadable(Exception ex, ReadOnlySpan<byte> utf8) => ex switch
    {
        InvalidProviderResponseException invalid => new InvalidProviderResponseException(invalid.Reason, Redact.Snippet(utf8)),
        JsonException => new InvalidProviderResponseException("the body is not valid JSON", Redact.Snippet(utf8)),
        _ => new InvalidProviderResponseException("the body holds an invalid escape sequence", Redact.Snippet(utf8), ex),
    };

    /// <summary>The exception a mapper throws for a body that parses but means nothing; <see cref="Read"/> adds the snippet.</summary>
    public static InvalidProviderResponseException Invalid(string reason) => new(reason);

    /// <summary>The root itself, or the only element of a one-element array.</summary>
    public static JsonElement Single(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Array)
        {
            return root;
        }

        int length = root.GetArrayLength();
        return length == 1 ? root[0] : throw Invalid($"expected an object or a one-element array, got an array of {length}");
    }

    /// <summary>The object at the root or in a one-element array at the root.</summary>
    public static JsonElement SingleObject(JsonElement root)
    {
        JsonElement value = Single(root);
        return value.ValueKind == JsonValueKind.Object
            ? value
            : throw Invalid($"expected an object or a one-element array, got {Describe(value.ValueKind)}");
    }

    /// <summary>The value of the first property named <paramref name="name"/> (ASCII), ignoring case; undefined when absent.</summary>
    /// <remarks>
    /// A forward scan, so the first of duplicate or differently-cased names wins (<c>TryGetProperty</c> would take the
    /// last exact one). Names are compared as the raw UTF-8 of the body, without building a string per property; a
    /// name that is escaped or not ASCII (never one of ours in practice) is compared as a string, as it always was.
    /// </remarks>
    public static JsonElement Get(JsonElement obj, string name)
    {
        foreach (JsonProperty property in obj.EnumerateObject())
        {
            if (NameIs(property, name))
            {
                return property.Value;
            }
        }

        return default;
    }

    private static bool NameIs(JsonProperty property, string name)
    {
#if NET9_0_OR_GREATER || NETSTANDARD2_0
        ReadOnlySpan<byte> raw = JsonMarshal.GetRawUtf8PropertyName(property);
        if (AsciiEqualsIgnoreCase(raw, name) is bool plain)
        {
            return plain;
        }
#else
        if (property.NameEquals(name))
        {
            return true;
        }
#endif
        return string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Compares a raw (unescaped, ASCII) UTF-8 name with an ASCII <paramref name="name"/>, ignoring ASCII case, as
    /// <see cref="StringComparison.OrdinalIgnoreCase"/> would; null when <paramref name="raw"/> holds an escape or a non-ASCII byte.
    /// </summary>
    internal static bool? AsciiEqualsIgnoreCase(ReadOnlySpan<byte> raw, string name)
    {
        bool equal = raw.Length == name.Length;
        for (int i = 0; i < raw.Length; i++)
        {
            byte b = raw[i];
            if (b >= 0x80 || b == (byte)'\\')
            {
                return null;
            }

            equal = equal && (b == name[i] || (AsciiChar.IsLetter((char)b) && (b | 0x20) == (name[i] | 0x20)));
        }

        return equal;
    }

    /// <summary>A string (trimmed) or a number (as written, integers canonical); null for <c>""</c> and every other kind.</summary>
    public static string? Text(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                string? text = value.GetString()?.Trim();
                return string.IsNullOrEmpty(text) ? null : text;
            case JsonValueKind.Number:
                return value.TryGetInt64(out long integer) ? integer.ToString(CultureInfo.InvariantCulture) : value.GetRawText();
            default:
                return null;
        }
    }

    /// <summary>
    /// As <see cref="Text(JsonElement)"/>, but a string equal to the value this call site read last (<paramref name="last"/>)
    /// is returned as that same instance instead of a new string: for fields that repeat from entry to entry and reply
    /// to reply (status codes and descriptions, network ids). Only a hit is shared; anything else reads as before.
    /// </summary>
    public static string? Text(JsonElement value, ref string? last)
    {
        string? seen = Volatile.Read(ref last);
        if (seen is not null && value.ValueKind == JsonValueKind.String && value.ValueEquals(seen))
        {
            return seen; // GetString() equals seen, which is trimmed and not empty: Text would return its equal
        }

        string? text = Text(value);
        if (text is not null && value.ValueKind == JsonValueKind.String)
        {
            Volatile.Write(ref last, text);
        }

        return text;
    }

    /// <summary>An identifier where <c>0</c>, <c>"0"</c> and <c>""</c> mean "none" (Synqtel's message_id).</summary>
    public static string? Id(JsonElement value) => Text(value) is { } text && text != "0" ? text : null;

    /// <summary>
    /// A number, or a string holding one (<c>"-10615.0000"</c>), without trailing zeros (-10615), so an amount prints
    /// the same whichever endpoint reported it; null when absent, blank or out of range.
    /// </summary>
    public static decimal? Decimal(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetDecimal(out decimal number) => Amount(number),
        JsonValueKind.String when ParseDecimal(value, out decimal number) => Amount(number),
        _ => null,
    };

    /// <summary>
    /// <paramref name="value"/> with the trailing zeros of its scale removed: 9994.0000 is 9994, 0.8000 is 0.8 (equal
    /// values; only how they print differs). Providers pad amounts to four places on some endpoints and not others.
    /// </summary>
    public static decimal Amount(decimal value) => value / 1.000000000000000000000000000000000m;

    // decimal.TryParse of the string's text. On .NET 9+ a short unescaped string is parsed from the body's bytes, not a new string.
    private static bool ParseDecimal(JsonElement value, out decimal number)
    {
#if NET9_0_OR_GREATER
        ReadOnlySpan<byte> raw = JsonMarshal.GetRawUtf8Value(value);
        raw = raw[1..^1]; // the quotes
        if (raw.Length <= 64 && raw.IndexOf((byte)'\\') < 0)
        {
            Span<char> text = stackalloc char[64];
            int length = Encoding.UTF8.GetChars(raw, text);
            return decimal.TryParse(text[..length], NumberStyles.Float, CultureInfo.InvariantCulture, out number);
        }
#endif
        return decimal.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number);
    }

    /// <summary>A whole number that fits an <see cref="int"/>, as a number or a string (<c>2</c>, <c>"2"</c>); otherwise null.</summary>
    public static int? Int32(JsonElement value) =>
        Decimal(value) is decimal number && number == decimal.Truncate(number) && number is >= int.MinValue and <= int.MaxValue
            ? (int)number
            : null;

    /// <summary>
    /// The objects of an array-valued field, each mapped. Absent, <c>null</c> or <c>""</c> is an empty list
    /// (error responses carry no details); any other non-array, or an element that is not an object, is invalid.
    /// </summary>
    public static IReadOnlyList<T> Objects<T>(JsonElement value, string field, Func<JsonElement, T> map)
    {
        if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null
            || (value.ValueKind == JsonValueKind.String && Text(value) is null))
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Invalid($"{field} is {Describe(value.ValueKind)}, expected an array");
        }

        var items = new List<T>(value.GetArrayLength());
        foreach (JsonElement item in value.EnumerateArray())
        {
            items.Add(item.ValueKind == JsonValueKind.Object
                ? map(item)
                : throw Invalid($"{field} holds {Describe(item.ValueKind)}, expected objects"));
        }

        return items;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
