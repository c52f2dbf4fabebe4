using System.Diagnostics.CodeAnalysis;
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
}
