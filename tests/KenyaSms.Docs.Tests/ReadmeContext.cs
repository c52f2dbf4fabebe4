using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using KenyaSms;
using KenyaSms.Campaigns;

// What the README's snippets take as given: the variables and types of the reader's own app (its builder, its
// gateway, its members and reminders). The snippets themselves are compiled from README.md (ReadmeSnippets.targets).
namespace ReadmeSnippets;

#pragma warning disable CA1051, CA1707, CA1822, CS0649, IDE0060, IDE1006 // stand-ins named as the snippets name them
public abstract class ReadmeContext
{
    protected WebApplicationBuilder builder = WebApplication.CreateBuilder();
    protected WebApplication app = null!;
    protected IServiceCollection services = new ServiceCollection();
    protected IConfiguration configuration = new ConfigurationBuilder().Build();
    protected IServiceProvider provider = null!;
    protected CancellationToken cancellationToken;
    protected CancellationToken ct;

    protected ISmsGateway sms = null!;
    protected ISmsNumberLookup lookup = null!;
    protected ISmsCampaigns campaigns = null!;
    protected string key = "", user = "", qserveKey = "", text = "", postgres = "";
    protected int memberCount;
    protected Member member = new(1, "0722123456");
    protected IEnumerable<Member> members = [];
    protected IEnumerable<Loan> loans = [];
    protected IEnumerable<SmsMessage> campaign = [];
    protected CampaignDb db = new();

    // The background job of "Handle errors in a background job".
    protected ISmsGateway _sms = null!;
    protected IReminderStore _store = null!;

    protected static async IAsyncEnumerable<SmsMessage> ReadCampaignAsync(CampaignDb db)
    {
        await Task.Yield();
        foreach (SmsMessage message in db.Messages)
        {
            yield return message;
        }
    }
}

public sealed record Member(int Id, string Phone);

public sealed record Loan(Guid Id, string Phone, string Name, decimal Balance);

public sealed record Reminder(int Id, string Phone, string Text);

public interface IReminderStore
{
    Task MarkSentAsync(int reminderId, string? messageId, CancellationToken cancellationToken);

    Task MarkRejectedAsync(int reminderId, SmsErrorCode error, CancellationToken cancellationToken);

    Task MarkUncertainAsync(int reminderId, SmsErrorCode error, CancellationToken cancellationToken);
}

public sealed class CampaignDb
{
    public List<SmsMessage> Messages { get; } = [];

    public Task SaveOutcomeAsync(string? clientReference, bool accepted, string? messageId, SmsErrorCode error) => Task.CompletedTask;
}

public sealed class MembersSource : ISmsCampaignSource
{
    public async IAsyncEnumerable<SmsMessage> ReadAsync(string campaignId, long offset, int count, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        yield break;
    }
}

public sealed class BodyLoggingHandler : DelegatingHandler;

// An EF Core-shaped DbContext, so the delivery-report handler reads as it would in an app.
public sealed class SentSms
{
    public string MessageId { get; set; } = "";

    public DeliveryStatus Status { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }
}

public sealed class AppDbContext
{
    public IQueryable<SentSms> SentSms { get; } = new List<SentSms>().AsQueryable();

    public Task<int> SaveChangesAsync(CancellationToken cancellationToken) => Task.FromResult(0);
}
#pragma warning restore CA1051, CA1707, CA1822, CS0649, IDE0060, IDE1006
