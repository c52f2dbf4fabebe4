using System.Diagnostics.CodeAnalysis;
using System.Net.Http.Headers;
using KenyaSms.AfricasTalking;
using KenyaSms.Synqtel;

namespace KenyaSms;

/// <summary>Reads the delivery reports providers post to your URL.</summary>
public static class DeliveryReportParser
{
    /// <summary>
    /// Reads one delivery report. Numbers may come as JSON numbers or strings; optional fields may be missing;
    /// a status the SDK does not know becomes <see cref="DeliveryStatus.Unknown"/>. Never throws.
    /// </summary>
    /// <param name="provider">The provider that posted it; only <c>"synqtel"</c> (any case) sends reports.</param>
    /// <param name="utf8Json">The request body.</param>
    /// <param name="report">The report, or null when the body is not one.</param>
    /// <returns>
    /// False for an unsupported provider, a body that is not JSON, or a report without a message ID,
    /// a status or a phone number.
    /// </returns>
    public static bool TryParse(string provider, ReadOnlySpan<byte> utf8Json, [NotNullWhen(true)] out DeliveryReport? report)
    {
        report = null;
        return string.Equals(provider, SynqtelSmsGateway.ProviderName, StringComparison.OrdinalIgnoreCase)
            && SynqtelDeliveryReportReader.TryRead(utf8Json, out report);
    }

    /// <summary>
    /// Reads one delivery report in the provider's own format: Synqtel's JSON (as
    /// <see cref="TryParse(string, ReadOnlySpan{byte}, out DeliveryReport?)"/>) or Africa's Talking's form-encoded
    /// fields (<c>id</c>, <c>status</c>, <c>phoneNumber</c>, <c>networkCode</c>, <c>failureReason</c>). A status the SDK
    /// does not know becomes <see cref="DeliveryStatus.Unknown"/> with the raw word kept in
    /// <see cref="DeliveryReport.ProviderStatus"/>; an Africa's Talking <c>failureReason</c> is kept in
    /// <see cref="DeliveryReport.ProviderDescription"/> (see <see cref="AfricasTalkingFailureReasons"/>). Never throws.
    /// </summary>
    /// <param name="provider">
    /// The provider that posted it, any case: <c>"synqtel"</c> (<see cref="SynqtelSmsGateway.ProviderName"/>) or
    /// <c>"africastalking"</c> (<see cref="AfricasTalkingSmsGateway.ProviderName"/>).
    /// </param>
    /// <param name="body">The request body.</param>
    /// <param name="contentType">
    /// The request's <c>Content-Type</c>; null to assume the provider's own (<c>application/json</c> for Synqtel,
    /// <c>application/x-www-form-urlencoded</c> for Africa's Talking). Any other media type, or a charset other than
    /// UTF-8, is refused.
    /// </param>
    /// <param name="report">The report, or null when the body is not one.</param>
    /// <returns>
    /// False for an unsupported provider or content type, a body that is not the provider's format, or a report without
    /// a message ID, a status or a phone number.
    /// </returns>
    public static bool TryParse(string provider, ReadOnlySpan<byte> body, string? contentType, [NotNullWhen(true)] out DeliveryReport? report)
    {
        report = null;
        if (string.Equals(provider, SynqtelSmsGateway.ProviderName, StringComparison.OrdinalIgnoreCase))
        {
            return (contentType is null || IsUtf8MediaType(contentType, JsonMediaType)) && SynqtelDeliveryReportReader.TryRead(body, out report);
        }

        return string.Equals(provider, AfricasTalkingSmsGateway.ProviderName, StringComparison.OrdinalIgnoreCase)
            && (contentType is null || IsUtf8MediaType(contentType, FormMediaType))
            && AfricasTalkingDeliveryReportReader.TryRead(body, out report);
    }

    /// <summary>Synqtel's report media type.</summary>
    internal const string JsonMediaType = "application/json";

    /// <summary>Africa's Talking's report media type.</summary>
    internal const string FormMediaType = "application/x-www-form-urlencoded";

    /// <summary>
    /// Whether <paramref name="contentType"/> is <paramref name="expected"/> with no charset or UTF-8 (quoted or not); the
    /// delivery-report endpoint's 415 check uses it too, so both read a Content-Type alike.
    /// </summary>
    internal static bool IsUtf8MediaType(string contentType, string expected)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out MediaTypeHeaderValue? media)
            || !string.Equals(media.MediaType, expected, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        string? charset = media.CharSet?.Trim('"');
        return charset is null
            || string.Equals(charset, "utf-8", StringComparison.OrdinalIgnoreCase)
            || string.Equals(charset, "utf8", StringComparison.OrdinalIgnoreCase);
    }
}
