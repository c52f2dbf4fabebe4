using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace KenyaSms.Campaigns;

/// <summary>
/// The Hangfire the application configured: its storage, job client and recurring-job manager from the container
/// (Hangfire.NetCore / Hangfire.AspNetCore's <c>AddHangfire</c>), else from <see cref="JobStorage.Current"/>.
/// Resolved when used, so registering campaigns before Hangfire works.
/// </summary>
internal sealed class CampaignEngine(IServiceProvider services)
{
    public JobStorage Storage => services.GetService<JobStorage>() ?? JobStorage.Current;

    public IBackgroundJobClient Client => services.GetService<IBackgroundJobClient>() ?? new BackgroundJobClient(Storage);

    public IRecurringJobManager Recurring => services.GetService<IRecurringJobManager>() ?? new RecurringJobManager(Storage);
}
