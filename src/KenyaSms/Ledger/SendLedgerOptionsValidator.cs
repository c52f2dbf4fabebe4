using Microsoft.Extensions.Options;

namespace KenyaSms.Ledger;

/// <summary>The lease must outlast the longest a send can take (api.md 8b), else a live claim could read as Uncertain.</summary>
internal sealed class SendLedgerOptionsValidator(IOptionsMonitor<KenyaSmsOptions> sms) : IValidateOptions<SmsSendLedgerOptions>
{
    public ValidateOptionsResult Validate(string? name, SmsSendLedgerOptions options)
    {
        SmsResilienceOptions r = sms.CurrentValue.Resilience;
        TimeSpan longest = r.TotalTimeout + r.CancellationGracePeriod;
        var failures = new List<string>();
        if (options.Lease <= longest)
        {
            failures.Add($"KenyaSms:Ledger:Lease ({options.Lease}) must exceed KenyaSms:Resilience:TotalTimeout ({r.TotalTimeout}) + KenyaSms:Resilience:CancellationGracePeriod ({r.CancellationGracePeriod}), the longest a send can take.");
        }

        if (options.Retention < TimeSpan.FromHours(1))
        {
            failures.Add($"KenyaSms:Ledger:Retention ({options.Retention}) must be at least 01:00:00: a job retried later than the retention would send again.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
