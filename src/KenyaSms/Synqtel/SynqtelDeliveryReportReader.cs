using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using KenyaSms.Json;

namespace KenyaSms.Synqtel;

/// <summary>Reads the delivery report Synqtel posts (reference "Delivery Reports"); never throws.</summary>
/// <remarks>
/// Required: <c>messageId</c> (a positive integer, or up to 64 letters, digits, dashes or underscores other than <c>"0"</c>),
/// <c>dlrDesc</c> or <c>dlrStatus</c>, and <c>destaddr</c>. Everything else is optional and ignored when unreadable.
/// The body is an object, or (the provider's habit elsewhere) an object in a one-element array.
/// The network is Synqtel's <c>network</c> id when known, else the <c>origin</c> name, else the number's prefix.
/// </remarks>
internal static class SynqtelDeliveryReportReader
{
    private const int MaxMessageIdLength = 64;

    // dlrTime is East Africa Time, which has no daylight saving.
    private static readonly TimeSpan EastAfricaTime = TimeSpan.FromHours(3);

    private static readonly string[] LocalTimeFormats =
        ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF"];

    private static readonly string[] OffsetTimeFormats =
        ["yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];

    public static bool TryRead(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out DeliveryReport? report)
    {
        try
        {
            report = JsonValues.Read(utf8, Map);
            return report is not null;
        }
        catch (InvalidProviderResponseException)
        {
            report = null;
            return false;
        }
    }

    private static DeliveryReport? Map(JsonElement root)
    {
        JsonElement body = JsonValues.SingleObject(root);
        string? messageId = MessageId(JsonValues.Get(body, "messageId"));
        string? status = JsonValues.Text(JsonValues.Get(body, "dlrStatus"));
        string? description = JsonValues.Text(JsonValues.Get(body, "dlrDesc"));
        string? destination = JsonValues.Text(JsonValues.Get(body, "destaddr"));
        if (messageId is null || (status is null && description is null) || destination is null)
        {
            return null;
        }

        bool valid = PhoneNumber.TryParse(destination, out PhoneNumber number);
        MobileNetwork network = SynqtelNetworks.FromId(
            JsonValues.Text(JsonValues.Get(body, "network")),
            NetworkNamed(JsonValues.Text(JsonValues.Get(body, "origin")), number.Network));

        return new DeliveryReport(
            SynqtelSmsGateway.ProviderName,
            messageId,
            valid ? number.E164 : destination,
            SynqtelDeliveryStatusMap.Map(status, description),
            status ?? string.Empty,
            description,
            Time(JsonValues.Text(JsonValues.Get(body, "dlrTime"))),
            JsonValues.Text(JsonValues.Get(body, "sourceaddr")),
            network);
    }

    private static string? MessageId(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.TryGetInt64(out long id) && id > 0 ? id.ToString(CultureInfo.InvariantCulture) : null,
        JsonValueKind.String => JsonValues.Id(value) is { Length: <= MaxMessageIdLength } id && id.All(IsIdCharacter) ? id : null,
        _ => null,
    };

    private static bool IsIdCharacter(char c) => AsciiChar.IsLetterOrDigit(c) || c is '-' or '_';

    private static DateTimeOffset? Time(string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (DateTime.TryParseExact(text, LocalTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime local))
        {
            // 0001-01-01 00:00:00 EAT is before DateTimeOffset.MinValue in UTC.
            return local.Ticks >= EastAfricaTime.Ticks ? new DateTimeOffset(local, EastAfricaTime) : null;
        }

        return DateTimeOffset.TryParseExact(text, OffsetTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTimeOffset withOffset)
            ? withOffset
            : null;
    }

    // "Safaricom", "airtel", "Telkom Kenya": the leading word, when it names a network.
    private static MobileNetwork NetworkNamed(string? origin, MobileNetwork fallback)
    {
        ReadOnlySpan<char> name = origin;
        int letters = 0;
        while (letters < name.Length && AsciiChar.IsLetter(name[letters]))
        {
            letters++;
        }

        return letters > 0 && Enum.TryParse(name[..letters].ToString(), ignoreCase: true, out MobileNetwork network) && network != MobileNetwork.Unknown
            ? network
            : fallback;
    }
}
