namespace KenyaSms.Http;

/// <summary>
/// Thrown by <see cref="SmsTransportHandler"/> to a copy of a send (a hedging handler's) that waited for the original's
/// transport call and then found that the provider may have the original. Deliberately an
/// <see cref="HttpRequestException"/>, unlike <see cref="SmsResendBlockedException"/>: a hedging handler treats it as a
/// failed copy and keeps waiting for the original's answer, instead of taking whichever of the two it happens to see
/// first (the copy's refusal could otherwise win the race and turn an accepted send into a failure).
/// </summary>
internal sealed class SmsHedgedCopyRefusedException : HttpRequestException
{
    public SmsHedgedCopyRefusedException(string provider, string operation)
        : base($"{provider} {operation}: a copy of this request (a hedging handler's) was not sent, because the original may have reached the provider; KenyaSms stopped it.")
    {
    }
}
