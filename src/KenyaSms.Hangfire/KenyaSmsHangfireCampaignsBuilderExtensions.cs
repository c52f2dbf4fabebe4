using KenyaSms;
using KenyaSms.Campaigns;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers SMS campaigns on Hangfire (api.md 8c).</summary>
public static class KenyaSmsHangfireCampaignsBuilderExtensions
{
    /// <summary>
    /// Adds <see cref="ISmsCampaigns"/> and the campaign jobs, reading messages from <typeparamref name="TSource"/>
    /// (scoped: one per job). Needs Hangfire configured in the same container (Hangfire.NetCore or Hangfire.AspNetCore's
    /// <c>AddHangfire</c>, so jobs are activated from it; <c>AddHangfireServer</c> on the workers) and a durable send
    /// ledger (<c>AddSqliteSendLedger</c> or <c>AddPostgreSqlSendLedger</c>); on Hangfire.PostgreSql, sliding
    /// invisibility with an invisibility timeout of at most 10 minutes. These are checked when a campaign starts and
    /// when a window job runs.
    /// </summary>
    /// <typeparam name="TSource">Your campaign source.</typeparam>
    /// <param name="builder">The KenyaSms builder.</param>
    /// <returns>The builder.</returns>
    public static IKenyaSmsBuilder AddHangfireCampaigns<TSource>(this IKenyaSmsBuilder builder)
        where TSource : class, ISmsCampaignSource
    {
        ArgumentNullException.ThrowIfNull(builder);
        IServiceCollection services = builder.Services;
        services.TryAddScoped<ISmsCampaignSource, TSource>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CampaignEngine>();
        services.TryAddSingleton<ISmsCampaigns, HangfireSmsCampaigns>();
        services.TryAddTransient<CampaignWindowJob>();
        services.TryAddTransient<CampaignSweeperJob>();
        services.AddOptions<SmsSendLedgerOptions>();
        return builder;
    }
}
