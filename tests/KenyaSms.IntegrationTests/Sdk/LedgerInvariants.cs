using KenyaSms.Simulator;

namespace KenyaSms.IntegrationTests.Sdk;

/// <summary>
/// The reliability invariants of reliability.md, checked against what the simulator accepted for one logical send
/// (the messages of the ledger with that send's texts, across both providers):
/// I1 no duplicate: at most one accepted message per recipient and text (unless the test opted in to ambiguous retries);
/// I3 honest "not sent": a call failing with MayHaveBeenSent = false, or a recipient status saying so, left nothing accepted;
/// I4 honest "sent": an accepted recipient has exactly one accepted message, from the provider that reported it, with its id.
/// </summary>
public static class LedgerInvariants
{
    /// <summary>Checks I1, I3 and I4 for one send of <paramref name="message"/> that ended in <paramref name="result"/>.</summary>
    public static void Hold(SimulatorLedger ledger, SmsMessage message, SmsSendResult result, bool duplicatesAllowed = false) =>
        Hold(ledger, [message], result, failure: null, duplicatesAllowed);

    /// <summary>Checks I1 and I3 for one send of <paramref name="message"/> that ended in <paramref name="failure"/>.</summary>
    public static void Hold(SimulatorLedger ledger, SmsMessage message, SmsGatewayException failure) =>
        Hold(ledger, [message], result: null, failure, duplicatesAllowed: false);

    /// <summary>Checks I1, I3 and I4 for one batch; <paramref name="result"/> lists the recipients message by message, in order.</summary>
    public static void Hold(SimulatorLedger ledger, IReadOnlyList<SmsMessage> messages, SmsSendResult? result, SmsGatewayException? failure, bool duplicatesAllowed = false)
    {
        HashSet<string> texts = [.. messages.Select(m => m.Text)];
        List<SimulatorMessage> accepted = [.. ledger.Messages.Where(m => texts.Contains(m.Text))];

        // I1
        if (!duplicatesAllowed)
        {
            foreach (IGrouping<(string Mobile, string Text), SimulatorMessage> copies in accepted.GroupBy(m => (m.Mobile, m.Text)))
            {
                Assert.True(copies.Count() == 1, $"I1: {copies.Count()} accepted copies of one send to {copies.Key.Mobile} ({string.Join(", ", copies.Select(c => c.Provider))}).");
            }
        }

        // I3, for the call
        if (failure is { MayHaveBeenSent: false })
        {
            Assert.True(accepted.Count == 0, $"I3: the call failed with MayHaveBeenSent = false ({failure.Error}) but {accepted.Count} message(s) were accepted.");
        }

        if (result is null)
        {
            return;
        }

        List<(SmsRecipientResult Recipient, string Text)> recipients = [.. Pair(messages, result)];
        foreach ((SmsRecipientResult recipient, string text) in recipients)
        {
            List<SimulatorMessage> mine = [.. accepted.Where(m => m.Mobile == recipient.PhoneNumber && m.Text == text)];
            if (recipient.IsAccepted)
            {
                // I4
                Assert.True(mine.Count == 1 || (duplicatesAllowed && mine.Count > 1), $"I4: accepted recipient {recipient.PhoneNumber} has {mine.Count} accepted message(s).");
                Assert.All(mine, m => Assert.Equal(result.Provider, m.Provider.ToString(), ignoreCase: true));
                if (recipient.MessageId is not null)
                {
                    Assert.Contains(recipient.MessageId, mine.Select(m => m.MessageId));
                }
            }
            else if (!recipient.Status.MayHaveBeenSent)
            {
                // I3, per recipient
                Assert.True(mine.Count == 0, $"I3: recipient {recipient.PhoneNumber} reported {recipient.Status.Code} (not sent) but was accepted.");
            }
        }
    }

    private static IEnumerable<(SmsRecipientResult, string)> Pair(IReadOnlyList<SmsMessage> messages, SmsSendResult result)
    {
        List<string> texts = [.. messages.SelectMany(m => m.To.Select(_ => m.Text))];
        Assert.Equal(texts.Count, result.Recipients.Count);
        return result.Recipients.Zip(texts);
    }
}
