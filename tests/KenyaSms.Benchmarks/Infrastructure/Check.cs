namespace KenyaSms.Benchmarks.Infrastructure;

/// <summary>Sanity checks run in GlobalSetup: a benchmark of a call that does not work measures nothing.</summary>
public static class Check
{
    public static void Equal<T>(T expected, T actual, string what)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            throw new InvalidOperationException($"{what}: expected {expected}, got {actual}.");
        }
    }

    public static void Accepted(SmsSendResult result, int recipients, string? messageId)
    {
        Equal(recipients, result.Recipients.Count, "recipients");
        Equal(recipients, result.AcceptedCount, "accepted recipients");
        if (messageId is not null)
        {
            Equal(messageId, result.Recipients[0].MessageId, "message id");
        }
    }
}
