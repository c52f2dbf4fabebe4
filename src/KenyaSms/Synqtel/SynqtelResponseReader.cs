using KenyaSms.Internal;
using KenyaSms.Synqtel.Wire;

namespace KenyaSms.Synqtel;

/// <summary>Reads Synqtel response bodies, tolerating the provider's quirks.</summary>
internal static class SynqtelResponseReader
{
    // STUB: filled in by the wire-format work. Throws InvalidProviderResponseException on unreadable input.
    public static SynqtelSingleReply ReadSingle(ReadOnlySpan<byte> utf8) =>
        throw new InvalidProviderResponseException("not implemented", Redact.Snippet(utf8));

    public static SynqtelMultipleReply ReadMultiple(ReadOnlySpan<byte> utf8) =>
        throw new InvalidProviderResponseException("not implemented", Redact.Snippet(utf8));

    public static SynqtelBalanceReply ReadBalance(ReadOnlySpan<byte> utf8) =>
        throw new InvalidProviderResponseException("not implemented", Redact.Snippet(utf8));

    public static SynqtelLookupReply ReadLookup(ReadOnlySpan<byte> utf8) =>
        throw new InvalidProviderResponseException("not implemented", Redact.Snippet(utf8));
}
