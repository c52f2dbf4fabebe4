using System.Globalization;
using System.Text.Json;

namespace KenyaSms.Simulator.Internal;

/// <summary>Reads request bodies the lenient way the providers' PHP-style APIs do: numbers may come as strings and back.</summary>
internal static class RequestJson
{
    /// <summary>Parses a JSON object; false for anything else (empty, not JSON, an array, too deep ...).</summary>
    public static bool TryParseObject(byte[] body, out JsonDocument? document)
    {
        document = null;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return false;
        }

        if (document.RootElement.ValueKind == JsonValueKind.Object)
        {
            return true;
        }

        document.Dispose();
        document = null;
        return false;
    }

    /// <summary>A string, or a number's text; null when missing, null, empty or of another type.</summary>
    public static string? Text(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out JsonElement value))
        {
            return null;
        }

        string? text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }

    /// <summary>An integer given as a number or a numeric string (the reference does both for <c>serviceId</c>).</summary>
    public static bool TryInteger(JsonElement obj, string name, out long value)
    {
        value = 0;
        return obj.TryGetProperty(name, out JsonElement element) && element.ValueKind switch
        {
            JsonValueKind.Number => element.TryGetInt64(out value),
            JsonValueKind.String => long.TryParse(element.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value),
            _ => false,
        };
    }

    /// <summary>Whether the property is present with a value of another kind than string or number.</summary>
    public static bool IsPresentButNotScalar(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out JsonElement value) && value.ValueKind is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.Null);
}
