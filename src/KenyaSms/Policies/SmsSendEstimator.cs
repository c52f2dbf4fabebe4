using KenyaSms.Sending;

namespace KenyaSms.Policies;

/// <summary>
/// Computes <see cref="SmsSendEstimate"/> without I/O: each message is checked as the gateway's send would check it
/// (<see cref="ISmsMessageRules"/>: text, length, sender ID, idempotency key), then its recipients are parsed and
/// de-duplicated as <see cref="PreparedMessage"/> does.
/// </summary>
internal static class SmsSendEstimator
{
    // Gateways that are not the SDK's (a custom ISmsGateway) are checked with the rules every provider shares and no
    // segment limit; a message without a sender ID is taken to use a valid default.
    private static readonly GenericRules Generic = new();

    // One credit per segment per recipient: what 254sms and Synqtel charge for a local SMS.
    private const decimal CreditsPerSegment = 1m;

    public static SmsSendEstimate Estimate(ISmsGateway gateway, IEnumerable<SmsMessage> messages)
    {
        ISmsMessageRules rules = gateway as ISmsMessageRules ?? Generic;
        int count = 0, recipients = 0, invalid = 0;
        long segments = 0;
        HashSet<PhoneNumber>? seen = null;
        foreach (SmsMessage message in messages)
        {
            string paramName = "messages[" + count.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";
            Throw.IfNull(message, paramName);
            if (rules.Refusal(message) is { } refusal)
            {
                throw new ArgumentException(refusal, paramName);
            }

            seen ??= [];
            seen.Clear();
            foreach (string to in message.To)
            {
                if (!PhoneNumber.TryParse(to, out PhoneNumber number))
                {
                    invalid++;
                }
                else
                {
                    seen.Add(number);
                }
            }

            recipients = checked(recipients + seen.Count);
            segments += (long)SmsSegmentation.Analyze(message.Text.AsSpan()).Segments * seen.Count;
            count++;
        }

        if (count == 0)
        {
            throw new ArgumentException("The batch has no messages.", nameof(messages));
        }

        int total = checked((int)segments);
        return new SmsSendEstimate(gateway.Name, count, recipients, invalid, total, total * CreditsPerSegment);
    }

    private sealed class GenericRules : ISmsMessageRules
    {
        public string? Refusal(SmsMessage message) =>
            PreparedMessage.Refusal(message, "SMS", int.MaxValue, "the gateway", out _, out _);
    }
}
