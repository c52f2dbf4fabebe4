using System.Globalization;
using System.Text.Json;
#if !NETSTANDARD2_0
using System.Text.Unicode;
#endif

namespace KenyaSms.Internal;

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

    /// <summary>
    /// Parses the whole body (a UTF-8 BOM is allowed) and maps its root with <paramref name="map"/>.
    /// <paramref name="map"/> reports a meaningless shape by throwing <see cref="Invalid"/>; the snippet is added here.
    /// </summary>
    public static T Read<T>(ReadOnlySpan<byte> utf8, Func<JsonElement, T> map)
    {
        ReadOnlySpan<byte> body = utf8.StartsWith("\uFEFF"u8) ? utf8[3..] : utf8;
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
        catch (InvalidProviderResponseException ex)
        {
            throw new InvalidProviderResponseException(ex.Reason, Redact.Snippet(utf8));
        }
        catch (JsonException ex)
        {
            throw new InvalidProviderResponseException("the body is not valid JSON", Redact.Snippet(utf8), ex);
        }
        catch (InvalidOperationException ex)
        {
            // JsonElement.GetString and JsonProperty.Name refuse escapes that are not valid UTF-16 (a lone "\uD800").
            throw new InvalidProviderResponseException("the body holds an invalid escape sequence", Redact.Snippet(utf8), ex);
        }
    }

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

    /// <summary>The value of the first property named <paramref name="name"/>, ignoring case; undefined when absent.</summary>
    public static JsonElement Get(JsonElement obj, string name)
    {
        foreach (JsonProperty property in obj.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return default;
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

    /// <summary>An identifier where <c>0</c>, <c>"0"</c> and <c>""</c> mean "none" (Synqtel's message_id).</summary>
    public static string? Id(JsonElement value) => Text(value) is { } text && text != "0" ? text : null;

    /// <summary>A number, or a string holding one (<c>"-10615.0000"</c>); null when absent, blank or out of range.</summary>
    public static decimal? Decimal(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetDecimal(out decimal number) => number,
        JsonValueKind.String when decimal.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out decimal number) => number,
        _ => null,
    };

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
