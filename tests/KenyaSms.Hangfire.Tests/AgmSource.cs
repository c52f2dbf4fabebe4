using System.Globalization;
using System.Runtime.CompilerServices;
using KenyaSms.Campaigns;

namespace KenyaSms.Hangfire.Tests;

/// <summary>
/// What a test makes its source do: hold fewer or more messages than the campaign says, ignore the count it is asked
/// for, throw at a message. Shared by the test and the source (a singleton in the container).
/// </summary>
public sealed class SourceScript
{
    /// <summary>How many messages the source holds (messages 0 .. Available-1).</summary>
    public long Available { get; set; } = long.MaxValue;

    /// <summary>Yield this many messages beyond the count asked for (a source that ignores the count).</summary>
    public int Overrun { get; set; }

    /// <summary>Throw when about to yield this message (once per read), while it is set.</summary>
    public long? ThrowAt { get; set; }
}

/// <summary>
/// A personalised AGM notice per member: message i goes to <see cref="Number"/>(i) with <see cref="Text"/>(campaign, i).
/// The same numbering the kill test's worker uses (linked there), so the simulator's ledger names each message.
/// </summary>
public sealed class AgmSource(SourceScript script) : ISmsCampaignSource
{
    public AgmSource()
        : this(new SourceScript())
    {
    }

    public static string Number(long i) => string.Create(CultureInfo.InvariantCulture, $"+25471{i:D7}");

    public static string Text(string campaignId, long i) => string.Create(CultureInfo.InvariantCulture, $"{campaignId} member {i}: the AGM is on 12 December at 10:00, Nairobi.");

    /// <summary>The message index a text belongs to.</summary>
    public static long IndexOf(string text) => long.Parse(text.Split(' ')[2].TrimEnd(':'), CultureInfo.InvariantCulture);

    public async IAsyncEnumerable<SmsMessage> ReadAsync(string campaignId, long offset, int count, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        for (long i = offset; i < offset + count + script.Overrun && i < script.Available; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (i == script.ThrowAt)
            {
                throw new IOException($"the member list could not be read at row {i}");
            }

            yield return new SmsMessage(Number(i), Text(campaignId, i));
        }
    }
}
