using KenyaSms.Internal;

namespace KenyaSms;

/// <summary>Convenience overloads for <see cref="ISmsGateway"/>.</summary>
public static class SmsGatewayExtensions
{
    /// <summary>Sends <paramref name="text"/> to one recipient.</summary>
    /// <param name="gateway">The gateway.</param>
    /// <param name="to">The recipient's phone number, in any common Kenyan form.</param>
    /// <param name="text">The message text.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>The result for the recipient.</returns>
    public static Task<SmsSendResult> SendAsync(this ISmsGateway gateway, string to, string text, CancellationToken cancellationToken = default)
    {
        Throw.IfNull(gateway);
        return gateway.SendAsync(new SmsMessage(to, text), cancellationToken);
    }

    /// <summary>Sends one <paramref name="text"/> to many recipients.</summary>
    /// <param name="gateway">The gateway.</param>
    /// <param name="to">The recipients' phone numbers, in any common Kenyan form.</param>
    /// <param name="text">The message text.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>One result per recipient, in input order.</returns>
    public static Task<SmsSendResult> SendAsync(this ISmsGateway gateway, IEnumerable<string> to, string text, CancellationToken cancellationToken = default)
    {
        Throw.IfNull(gateway);
        return gateway.SendAsync(new SmsMessage(to, text), cancellationToken);
    }
}
