using System.Diagnostics.CodeAnalysis;
using System.Text;
using KenyaSms.Json;

namespace KenyaSms.AfricasTalking;

/// <summary>
/// Reads the delivery report Africa's Talking posts, form-encoded (reference "Delivery reports (AT calls the
/// customer)"); never throws.
/// </summary>
/// <remarks>
/// Required: <c>id</c> (up to 64 letters, digits, dashes or underscores, not <c>"None"</c>), <c>status</c> and
/// <c>phoneNumber</c>; a required field given twice makes the body unreadable (which one would be meant?).
/// <c>failureReason</c> becomes <see cref="DeliveryReport.ProviderDescription"/> (a documented reason in the spelling of
/// <see cref="AfricasTalkingFailureReasons"/>); the network is <c>networkCode</c> when it names a Kenyan network, else
/// the number's prefix. <c>retryCount</c> is not kept. AT sends no time and no sender id.
/// </remarks>
internal static class AfricasTalkingDeliveryReportReader
{
    private const int MaxMessageIdLength = 64;

    // Longer words are not statuses or reasons; the cap keeps a hostile body from filling the report.
    private const int MaxWordLength = 64;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool TryRead(ReadOnlySpan<byte> body, [NotNullWhen(true)] out DeliveryReport? report)
    {
        report = null;
        string text;
        try
        {
            text = StrictUtf8.GetString(body.ToArray());
        }
        catch (ArgumentException)
        {
            // DecoderFallbackException: not UTF-8.
            return false;
        }

        string? id = null, status = null, phone = null, networkCode = null, failureReason = null;
        foreach (string pair in text.Split('&'))
        {
            if (pair.Length == 0)
            {
                continue;
            }

            int equals = pair.IndexOf('=');
            string? name = Decode(equals < 0 ? pair : pair.Substring(0, equals));
            string? value = Decode(equals < 0 ? string.Empty : pair.Substring(equals + 1));
            if (name is null || value is null)
            {
                return false;
            }

            bool first = name switch
            {
                "id" => Set(ref id, value),
                "status" => Set(ref status, value),
                "phoneNumber" => Set(ref phone, value),
                "networkCode" => Set(ref networkCode, value),
                "failureReason" => Set(ref failureReason, value),
                _ => true,
            };
            if (!first)
            {
                return false;
            }
        }

        id = id?.Trim();
        status = status?.Trim();
        phone = phone?.Trim();
        if (id is not { Length: > 0 and <= MaxMessageIdLength } || !id.All(IsIdCharacter) || string.Equals(id, "None", StringComparison.OrdinalIgnoreCase)
            || status is not { Length: > 0 and <= MaxWordLength } || phone is not { Length: > 0 })
        {
            return false;
        }

        bool valid = PhoneNumber.TryParse(phone, out PhoneNumber number);
        failureReason = failureReason?.Trim();
        report = new DeliveryReport(
            AfricasTalkingSmsGateway.ProviderName,
            id,
            valid ? number.E164 : phone,
            AfricasTalkingDeliveryStatusMap.Map(status),
            status,
            failureReason is { Length: > 0 and <= MaxWordLength } ? AfricasTalkingFailureReasons.Canonical(failureReason) : null,
            network: Network(networkCode, number.Network));
        return true;
    }

    private static bool Set(ref string? field, string value)
    {
        if (field is not null)
        {
            return false;
        }

        field = value;
        return true;
    }

    // application/x-www-form-urlencoded: '+' is a space, then percent-escapes (UTF-8).
    private static string? Decode(string encoded)
    {
        try
        {
            return Uri.UnescapeDataString(encoded.Replace('+', ' '));
        }
        catch (UriFormatException)
        {
            return null;
        }
    }

    private static bool IsIdCharacter(char c) => AsciiChar.IsLetterOrDigit(c) || c is '-' or '_';

    // MCC 639 (Kenya) + MNC; 99999 (the sandbox) and anything else fall back to the number's prefix.
    private static MobileNetwork Network(string? networkCode, MobileNetwork fallback) => networkCode?.Trim() switch
    {
        "63902" => MobileNetwork.Safaricom,
        "63903" => MobileNetwork.Airtel,
        "63907" => MobileNetwork.Telkom,
        "63999" => MobileNetwork.Equitel,
        _ => fallback,
    };
}
