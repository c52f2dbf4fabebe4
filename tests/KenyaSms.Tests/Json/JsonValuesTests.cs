using System.Globalization;
using System.Text;
using System.Text.Json;
using KenyaSms.Http;
using KenyaSms.Json;
using KenyaSms.Sending;
using KenyaSms.Telemetry;

namespace KenyaSms.Tests.Json;

// JsonValues' lookups and parse entry points: the readers' quirk tolerance rests on these rules.
public sealed class JsonValuesTests
{
    [Theory]
    [InlineData("""{"status_code":"a","status_code":"b"}""", "a")]
    [InlineData("""{"STATUS_CODE":"a","status_code":"b"}""", "a")]
    [InlineData("""{"other":"x","Status_Code":"a","status_code":"b"}""", "a")]
    [InlineData("""{"status_code_x":"x","status_cod":"y","status_code":"a"}""", "a")]
    [InlineData("""{"status\u005Fcode":"a","status_code":"b"}""", "a")]
    [InlineData("""{"other":"x"}""", null)]
    public void Get_NamesMatchIgnoringCase_FirstMatchWins(string json, string? expected)
    {
        using JsonDocument document = JsonDocument.Parse(json);

        JsonElement value = JsonValues.Get(document.RootElement, "status_code");

        Assert.Equal(expected, value.ValueKind == JsonValueKind.Undefined ? null : value.GetString());
    }

    // A non-ASCII name is compared as it always was: string.Equals(name, field, OrdinalIgnoreCase).
    [Theory]
    [InlineData("ſtatus_code")]
    [InlineData("statuſ_code")]
    [InlineData("status_codé")]
    [InlineData("ＳＴＡＴＵＳ_CODE")]
    public void Get_NonAsciiName_MatchesExactlyWhenOrdinalIgnoreCaseDoes(string name)
    {
        using JsonDocument document = JsonDocument.Parse(JsonSerializer.Serialize(new Dictionary<string, string> { [name] = "a" }));

        JsonElement value = JsonValues.Get(document.RootElement, "status_code");

        Assert.Equal(string.Equals(name, "status_code", StringComparison.OrdinalIgnoreCase), value.ValueKind == JsonValueKind.String);
    }

    [Fact]
    public void Get_NameWithInvalidEscape_ThrowsAsTheStringComparisonDid()
    {
        using JsonDocument document = JsonDocument.Parse("""{"\uD800":"a","status_code":"b"}""");

        Assert.Throws<InvalidOperationException>(() => JsonValues.Get(document.RootElement, "status_code"));
    }

    [Fact]
    public void Get_PlainNames_AllocateNothing()
    {
        using JsonDocument document = JsonDocument.Parse(
            """{"status_code":"1000","status_desc":"Success","message_id":1,"mobile_number":"+254722310558","network_id":"1","message_cost":"0.75","credit_balance":"9871"}""");
        JsonElement root = document.RootElement;
        int found = Lookups(root);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1_000; i++)
        {
            found += Lookups(root);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(3_003, found);
    }

    [Theory]
    [InlineData("status_code", "status_code", true)]
    [InlineData("Status_CODE", "status_code", true)]
    [InlineData("status_cod", "status_code", false)]
    [InlineData("status_codes", "status_code", false)]
    [InlineData("status-code", "status_code", false)]
    [InlineData("@", "`", false)] // (c | 0x20) folds these together, but they are not letters
    [InlineData("[", "{", false)]
    public void AsciiEqualsIgnoreCase_PlainAscii_AgreesWithOrdinalIgnoreCase(string raw, string name, bool expected)
    {
        Assert.Equal(expected, JsonValues.AsciiEqualsIgnoreCase(Encoding.UTF8.GetBytes(raw), name));
        Assert.Equal(expected, string.Equals(raw, name, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("status\\u005Fcode")]
    [InlineData("statüs_code")]
    public void AsciiEqualsIgnoreCase_EscapedOrNonAscii_LeavesItToTheStringComparison(string raw)
    {
        Assert.Null(JsonValues.AsciiEqualsIgnoreCase(Encoding.UTF8.GetBytes(raw), "status_code"));
    }

    [Theory]
    [InlineData("\"-10615.0000\"")]
    [InlineData("\" 12.5 \"")]
    [InlineData("\"1e3\"")]
    [InlineData("\"1,000\"")]
    [InlineData("\"\"")]
    [InlineData("\"abc\"")]
    [InlineData("\"\\u0031\\u0032\"")]
    [InlineData("\"٣\"")]
    [InlineData("\"99999999999999999999999999999999\"")]
    [InlineData("\"0.1234567890123456789012345678901234567890123456789012345678901234567890\"")]
    public void Decimal_String_ParsesAsDecimalTryParseOfItsText(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        decimal? expected = decimal.TryParse(document.RootElement.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out decimal d) ? d : null;

        Assert.Equal(expected, JsonValues.Decimal(document.RootElement));
    }

    [Fact]
    public void TextWithLast_RepeatedString_ReturnsTheSameInstance()
    {
        string? last = null;
        using JsonDocument document = JsonDocument.Parse("""["Success"," Success ","Success",2,"Queued","",null]""");
        JsonElement[] values = [.. document.RootElement.EnumerateArray()];

        string? first = JsonValues.Text(values[0], ref last);
        string? trimmed = JsonValues.Text(values[1], ref last);
        string? again = JsonValues.Text(values[2], ref last);
        string? number = JsonValues.Text(values[3], ref last);
        string? other = JsonValues.Text(values[4], ref last);
        string? empty = JsonValues.Text(values[5], ref last);
        string? none = JsonValues.Text(values[6], ref last);

        Assert.Equal("Success", first);
        Assert.Equal("Success", trimmed);
        Assert.Same(trimmed, again); // the last value read, trimmed
        Assert.Equal("2", number);
        Assert.Equal("Queued", other);
        Assert.Null(empty);
        Assert.Null(none);
        Assert.Equal("Queued", last); // numbers, blanks and nulls do not replace it
    }

    [Fact]
    public void Parse_BodyWithBom_ParsesWhatFollows()
    {
        using JsonDocument document = JsonValues.Parse(Encoding.UTF8.GetPreamble().Concat("""{"a":1}"""u8.ToArray()).ToArray());

        Assert.Equal(1, document.RootElement.GetProperty("a").GetInt32());
    }

    [Theory]
    [InlineData(new byte[] { (byte)'{', 0xFF, (byte)'}' }, "the body is not valid UTF-8")]
    [InlineData(new byte[] { (byte)'{', (byte)'}', (byte)' ', (byte)'{', (byte)'}' }, "the body is not valid JSON")]
    [InlineData(new byte[] { (byte)'{' }, "the body is not valid JSON")]
    [InlineData(new byte[0], "the body is not valid JSON")]
    public void Parse_Unreadable_FailsAsReadDoes(byte[] body, string reason)
    {
        var parse = Assert.Throws<InvalidProviderResponseException>(() => JsonValues.Parse(body));
        var read = Assert.Throws<InvalidProviderResponseException>(() => JsonValues.Read(body, static root => root.ValueKind));

        Assert.Equal(reason, parse.Reason);
        Assert.Equal(read.Reason, parse.Reason);
        Assert.Equal(read.Snippet, parse.Snippet);
    }

    // The case the adapter fuzz property found (seed 3TwwNlADom24): System.Text.Json's message for an invalid literal
    // quotes the body ("'f"+254712244243"' is an invalid JSON literal..."), so the JsonException is not kept as the inner
    // exception, where exception.ToString() and loggers would print it.
    [Theory]
    [InlineData("f\"+254712244243\"\n", "712244243")]
    [InlineData("t\"9f86d081884c7d659a2feaa0c55ad015\"", "9f86d081884c7d659a2feaa0c55ad015")]
    [InlineData("nul\"0722123456\"", "722123456")]
    public void Read_InvalidLiteralQuotingTheBody_NoFullNumberOrKeyInTheExceptionOrItsInners(string body, string secret)
    {
        var ex = Assert.Throws<InvalidProviderResponseException>(() => JsonValues.Read(Encoding.UTF8.GetBytes(body), static root => root.ValueKind));

        Assert.Equal("the body is not valid JSON", ex.Reason);
        Assert.Null(ex.InnerException);
        Assert.DoesNotContain(secret, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Map_MapperFailures_BecomeInvalidProviderResponseWithTheSnippet()
    {
        byte[] body = """{"a":"\uD800"}"""u8.ToArray();
        using JsonDocument document = JsonValues.Parse(body);

        var escape = Assert.Throws<InvalidProviderResponseException>(() => JsonValues.Map(body, document.RootElement, static root => root.GetProperty("a").GetString()));
        var shape = Assert.Throws<InvalidProviderResponseException>(() => JsonValues.Map<int>(body, document.RootElement, static _ => throw JsonValues.Invalid("no status")));

        Assert.Equal("the body holds an invalid escape sequence", escape.Reason);
        Assert.Equal("no status", shape.Reason);
        Assert.Equal(Redact.Snippet(body), shape.Snippet);
    }

    private static int Lookups(JsonElement root) =>
        (JsonValues.Get(root, "credit_balance").ValueKind == JsonValueKind.String ? 1 : 0)
        + (JsonValues.Get(root, "Status_Code").ValueKind == JsonValueKind.String ? 1 : 0)
        + (JsonValues.Get(root, "balance").ValueKind == JsonValueKind.Undefined ? 1 : 0);

    // 16.9: SmsSendResult.CreditBalance printed 9994.0000 where SmsBalance.Credits printed 9994.
    [Theory]
    [InlineData("\"9994.0000\"", "9994")]
    [InlineData("9994.0000", "9994")]
    [InlineData("\" -10615.0000 \"", "-10615")]
    [InlineData("\"0.8000\"", "0.8")]
    [InlineData("12.50", "12.5")]
    [InlineData("100", "100")]
    [InlineData("0.0000", "0")]
    public void Decimal_TrailingZerosOfTheScale_AreDropped(string json, string printed)
    {
        using JsonDocument document = JsonDocument.Parse(json);

        Assert.Equal(printed, JsonValues.Decimal(document.RootElement)!.Value.ToString(CultureInfo.InvariantCulture));
    }
}
