using KenyaSms;
using KenyaSms.Testing;
using Xunit;

namespace ReadmeSnippets;

// The README's background job (SendReminderAsync, compiled from README.md) records the three outcomes apart:
// accepted, refused (never recorded as sent) and may have been sent. It is the example people copy.
public sealed class BackgroundJobExampleTests
{
    [Fact]
    public async Task AcceptedReminder_IsRecordedAsSentWithItsMessageId()
    {
        var store = new RecordingStore();
        var fake = new FakeSmsGateway("synqtel");

        await new Snippet_SendReminderAsync(fake, store).SendReminderAsync(new Reminder(1, "0722123456", "Fees due Friday"), CancellationToken.None);

        (string what, int id, string? detail) entry = Assert.Single(store.Entries);
        Assert.Equal(("sent", 1), (entry.what, entry.id));
        Assert.False(string.IsNullOrEmpty(entry.detail));
    }

    [Theory]
    [InlineData("0711000111", SmsErrorCode.DoNotDisturb)]
    [InlineData("12345", SmsErrorCode.InvalidPhoneNumber)]
    public async Task RefusedReminder_IsRecordedAsRejectedNeverAsSent(string phone, SmsErrorCode expected)
    {
        var store = new RecordingStore();
        var fake = new FakeSmsGateway("synqtel").RejectNumbers(SmsErrorCode.DoNotDisturb, "0711000111");

        await new Snippet_SendReminderAsync(fake, store).SendReminderAsync(new Reminder(2, phone, "Fees due Friday"), CancellationToken.None);

        Assert.Equal([("rejected", 2, expected.ToString())], store.Entries);
        Assert.Empty(fake.Sent);
    }

    [Fact]
    public async Task ReminderThatMayHaveBeenSent_IsRecordedAsUncertainAndNotRetried()
    {
        var store = new RecordingStore();
        var fake = new FakeSmsGateway("synqtel").FailNextSend(SmsErrorCode.Transport, mayHaveBeenSent: true);

        await new Snippet_SendReminderAsync(fake, store).SendReminderAsync(new Reminder(3, "0722123456", "Fees due Friday"), CancellationToken.None);

        Assert.Equal([("uncertain", 3, nameof(SmsErrorCode.Transport))], store.Entries);
    }

    [Fact]
    public async Task FailureThatCertainlyDidNotSend_PropagatesSoTheJobRetries()
    {
        var store = new RecordingStore();
        var fake = new FakeSmsGateway("synqtel").FailNextSend(SmsErrorCode.InsufficientCredits);

        await Assert.ThrowsAsync<SmsGatewayException>(() => new Snippet_SendReminderAsync(fake, store).SendReminderAsync(new Reminder(4, "0722123456", "x"), CancellationToken.None));
        Assert.Empty(store.Entries);
    }

    private sealed class RecordingStore : IReminderStore
    {
        public List<(string What, int Id, string? Detail)> Entries { get; } = [];

        public Task MarkSentAsync(int reminderId, string? messageId, CancellationToken cancellationToken) => Add("sent", reminderId, messageId);

        public Task MarkRejectedAsync(int reminderId, SmsErrorCode error, CancellationToken cancellationToken) => Add("rejected", reminderId, error.ToString());

        public Task MarkUncertainAsync(int reminderId, SmsErrorCode error, CancellationToken cancellationToken) => Add("uncertain", reminderId, error.ToString());

        private Task Add(string what, int id, string? detail)
        {
            Entries.Add((what, id, detail));
            return Task.CompletedTask;
        }
    }
}

public partial class Snippet_SendReminderAsync
{
    public Snippet_SendReminderAsync(ISmsGateway sms, IReminderStore store)
    {
        _sms = sms;
        _store = store;
    }
}
