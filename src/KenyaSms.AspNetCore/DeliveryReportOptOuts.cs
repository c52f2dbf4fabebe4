using KenyaSms.AfricasTalking;
using KenyaSms.Policies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KenyaSms.AspNetCore;

/// <summary>
/// AutoSuppress from delivery reports (api.md 9): with <c>KenyaSms:Suppression:AutoSuppress</c> true and a suppression
/// list registered, a report saying the subscriber blacklisted the sender adds the number to the list. Only Africa's
/// Talking documents such a report (<c>failureReason</c> <see cref="AfricasTalkingFailureReasons.UserInBlackList"/>);
/// Synqtel's reference documents no <c>dlrDesc</c> for it, and 254sms posts no reports.
/// </summary>
internal static class DeliveryReportOptOuts
{
    /// <summary>True when <paramref name="report"/> says the subscriber blocked the sender.</summary>
    public static bool SaysBlacklisted(DeliveryReport report) =>
        report.Provider == AfricasTalkingSmsGateway.ProviderName && report.ProviderDescription == AfricasTalkingFailureReasons.UserInBlackList;

    /// <summary>Adds the report's number to the suppression list when the report and the settings say so; never throws.</summary>
    public static async Task SuppressIfBlacklistedAsync(IServiceProvider services, DeliveryReport report, ILogger logger)
    {
        if (!SaysBlacklisted(report)
            || services.GetService<ISmsSuppressionList>() is not { } list
            || services.GetService<IOptionsMonitor<SuppressionSettings>>() is not { CurrentValue.AutoSuppress: true })
        {
            return;
        }

        if (!PhoneNumber.TryParse(report.PhoneNumber, out PhoneNumber number))
        {
            Log.OptOutNumberUnreadable(logger, report.Provider, report.MessageId);
            return;
        }

        await SendPolicies.AutoSuppressAsync(list, number, $"delivery report from {report.Provider}: {report.ProviderDescription}", logger).ConfigureAwait(false);
    }
}
