using KenyaSms.Internal;
using KenyaSms.Qserve.Wire;

namespace KenyaSms.Qserve;

/// <summary>Reads 254sms response bodies, tolerating the provider's quirks.</summary>
internal static class QserveResponseReader
{
    // STUB: filled in by the wire-format work. Throws InvalidProviderResponseException on unreadable input.
    public static QserveSendReply ReadSend(ReadOnlySpan<byte> utf8) =>
        throw new InvalidProviderResponseException("not implemented", Redact.Snippet(utf8));

    public static QserveCreditsReply ReadCredits(ReadOnlySpan<byte> utf8) =>
        throw new InvalidProviderResponseException("not implemented", Redact.Snippet(utf8));
}
