namespace KenyaSms.Sending;

/// <summary>
/// A gateway that can tell, without any I/O, whether it would refuse a message as a whole (text, length, sender ID):
/// what lets a failover chain check a message against every provider before the first request.
/// </summary>
internal interface ISmsMessageRules
{
    /// <summary>
    /// Why the gateway's <see cref="ISmsGateway.SendAsync"/> would throw <see cref="ArgumentException"/> for
    /// <paramref name="message"/> before any request (the same sentence), or null when it would not.
    /// </summary>
    /// <param name="message">The message; not null.</param>
    /// <returns>The refusal, naming the provider and its limit, or null.</returns>
    string? Refusal(SmsMessage message);
}
