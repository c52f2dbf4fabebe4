namespace KenyaSms;

/// <summary>
/// What a send would cost, computed offline by <see cref="SmsGatewayExtensions.Estimate"/> with the same validation as
/// the send: no request is made.
/// </summary>
/// <param name="Provider">The gateway estimated (its <see cref="ISmsGateway.Name"/>; a failover chain's name for a chain).</param>
/// <param name="Messages">How many messages were given.</param>
/// <param name="Recipients">
/// How many SMS would go out: the distinct valid recipients of each message, summed over the messages (a number given
/// twice in one message is sent once; the same number in two messages is sent twice).
/// </param>
/// <param name="InvalidRecipients">How many given recipients are not valid Kenyan mobile numbers (each would be a rejected result).</param>
/// <param name="Segments">The SMS segments billed: each message's segments times its distinct valid recipients, summed.</param>
/// <param name="Credits">The credits the provider would charge: one credit per segment per recipient.</param>
public sealed record SmsSendEstimate(string Provider, int Messages, int Recipients, int InvalidRecipients, int Segments, decimal Credits);
