namespace KenyaSms.Http;

/// <summary>
/// Thrown by <see cref="SmsTransportHandler"/> instead of sending a send again that an earlier transport call of the
/// same attempt may have delivered. Deliberately not an <see cref="HttpRequestException"/>: retry layers (Microsoft's
/// standard resilience handler, hand-written ones) do not retry it, and the SDK's handler reports the send as
/// "may have been sent".
/// </summary>
internal sealed class SmsResendBlockedException : InvalidOperationException
{
    public SmsResendBlockedException(string provider, string operation)
        : base($"{provider} {operation}: a handler between KenyaSms and the network tried to send this request again after the provider may have received it; KenyaSms stopped it.")
    {
    }
}
