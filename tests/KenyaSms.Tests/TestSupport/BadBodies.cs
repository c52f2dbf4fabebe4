using System.Text;

namespace KenyaSms.Tests.TestSupport;

/// <summary>Bodies no response reader may accept, and the secrets they carry that no snippet may show.</summary>
internal static class BadBodies
{
    public const string Secret = "S3cr3tK3y";

    public static readonly IReadOnlyDictionary<string, byte[]> ByName = new Dictionary<string, byte[]>
    {
        ["empty"] = [],
        ["whitespace"] = Utf8(" \r\n\t  "),
        ["bom only"] = [0xEF, 0xBB, 0xBF],
        ["html"] = Utf8($"<html><head><title>502 Bad Gateway</title></head><body>api_key={Secret} for 254722123456</body></html>"),
        ["plain text error"] = Utf8($"Invalid API Key {{\"api_key\":\"{Secret}\"}}"),
        ["truncated object"] = Utf8("[{\"status_code\":\"1000\",\"status_desc\":\"Succ"),
        ["truncated array"] = Utf8("[{\"statusCode\":101,\"messageDetails\":[{\"recipient\":\"254722123456\""),
        ["null"] = Utf8("null"),
        ["true"] = Utf8("true"),
        ["empty array"] = Utf8("[]"),
        ["two objects"] = Utf8("[{},{}]"),
        ["empty object"] = Utf8("{}"),
        ["unknown fields"] = Utf8("{\"foo\":1}"),
        ["status is an object"] = Utf8("{\"status_code\":{},\"statusCode\":[1],\"status_desc\":true,\"statusMessage\":false}"),
        ["string"] = Utf8("\"text\""),
        ["nested array"] = Utf8("[[{\"status_code\":\"1000\",\"statusCode\":101}]]"),
        ["10,000 open brackets"] = Utf8(new string('[', 10_000)),
        ["20 nested objects"] = Utf8(string.Concat(Enumerable.Repeat("{\"a\":", 20)) + "1" + new string('}', 20)),
        ["1 MB string value"] = Utf8("{\"foo\":\"" + string.Concat(Enumerable.Repeat("254722123456", 90_000)) + "\"}"),
        ["invalid UTF-8"] = [.. Utf8("{\"status_code\":\""), 0xC3, 0x28, 0xFF, .. Utf8("\",\"credits\":1}")],
        ["lone surrogate escape"] = Utf8("{\"status_code\":\"\\uD800\",\"statusCode\":\"\\uD800\",\"credits\":\"\\uDC00\"}"),
        ["trailing garbage"] = Utf8("{\"status_code\":\"1000\",\"statusCode\":101} <html>"),
        ["two values"] = Utf8("{\"status_code\":\"1000\",\"statusCode\":101}{}"),
        ["single quotes"] = Utf8("{'status_code':'1000','statusCode':101}"),
    };

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
