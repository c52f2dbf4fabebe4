using System.Text.Json;

namespace KenyaSms.Tests.TestSupport;

/// <summary>Inputs every adapter must treat alike: sender IDs, texts at the segment limits, and a text that tries to break JSON.</summary>
internal static class TrickyInput
{
    /// <summary>Quotes, backslashes, newlines, NUL, an RTL mark, an emoji and an attempt to inject a JSON field.</summary>
    public const string Text = "He said \"hi\" \\ C:\\path\\ \r\nline two\tend \0 NUL, \u200F RTL, emoji \U0001F600, {\"api_key\":\"x\"}\", \"sender_id\":\"EVIL";

    /// <summary>Sender IDs that are not 1-11 letters, digits or spaces, nor a numeric short code.</summary>
    public static TheoryData<string> InvalidSenderIds => ["ABCDEFGHIJKL", "MY-CO", "MYCO!", "MY.CO", "", "   ", "M\u00DCLLER", "1234567890123456"];

    /// <summary>Valid sender IDs: names, a digit-led name, a short code, spaces.</summary>
    public static TheoryData<string> ValidSenderIds => ["MYCO", "254sms", "22384", "A B C", "ABCDEFGHIJK"];

    /// <summary>200 bodies that say nothing readable about the outcome (reliability.md R8).</summary>
    public static TheoryData<string, string> UnreadableBodies => new()
    {
        { "html", "<html><body>Service temporarily unavailable</body></html>" },
        { "empty", "" },
        { "truncated", """[{"status_code":"1000","statusCode":101,"status_desc":"Succ""" },
        { "null", "null" },
        { "empty array", "[]" },
        { "wrong shape", """{"foo":"bar"}""" },
    };

    /// <summary><paramref name="count"/> GSM-7 characters: 918 is six segments (6 x 153), 919 is seven.</summary>
    public static string Gsm7(int count) => new('a', count);

    /// <summary><paramref name="count"/> UCS-2 characters: 402 is six segments (6 x 67), 403 is seven.</summary>
    public static string Ucs2(int count) => new('\u0416', count);

    /// <summary>The property names of a JSON object, in order.</summary>
    public static string[] Names(JsonElement obj) => [.. obj.EnumerateObject().Select(p => p.Name)];
}
