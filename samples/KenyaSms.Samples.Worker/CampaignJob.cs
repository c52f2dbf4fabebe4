using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KenyaSms.Samples.Worker;

/// <summary>
/// The job: a personalised campaign through the default gateway (the failover chain), a reminder
/// through 254sms, the AGM's venue through Africa's Talking, then a summary per provider. Shows how a job handles failures: retry only what
/// certainly did not go out (<see cref="SmsGatewayException.MayHaveBeenSent"/> false).
/// </summary>
public sealed partial class CampaignJob : BackgroundService
{
    private const int MaxAttempts = 3;
    private readonly ISmsGateway _sms;
    private readonly ISmsGatewayFactory _gateways;
    private readonly CampaignOptions _options;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly DeliveryTracker _deliveries;
    private readonly DeliveryEndpoint _endpoint;
    private readonly ILogger<CampaignJob> _logger;
    private readonly Dictionary<string, (int Messages, int Accepted, int Rejected, int Uncertain)> _totals = new(StringComparer.Ordinal);
    private int _sent;
    private int _replayed;

    public CampaignJob(ISmsGateway sms, ISmsGatewayFactory gateways, IOptions<CampaignOptions> options, IHostApplicationLifetime lifetime,
        DeliveryTracker deliveries, DeliveryEndpoint endpoint, ILogger<CampaignJob> logger)
    {
        _deliveries = deliveries;
        _endpoint = endpoint;
        _sms = sms;
        _gateways = gateways;
        _options = options.Value;
        _lifetime = lifetime;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Reports may only be sent once the endpoint listens and the provider (here the simulator) knows its URL.
            Uri reportsUrl = await _endpoint.Url.WaitAsync(stoppingToken);
            ReportsAt(_logger, reportsUrl.GetLeftPart(UriPartial.Authority));
            // Read from beside the app (the build copies it there); warnings name the file as configured.
            List<Recipient> recipients = RecipientCsv.Read(Path.Combine(AppContext.BaseDirectory, _options.RecipientsFile), _options.RecipientsFile, _logger);
            CampaignLoaded(_logger, recipients.Count, _sms.Name);

            // 1. Personalised campaign: one message per recipient, in as few requests as the provider allows.
            //    Each message has an idempotency key: run the job again and the ledger replays what went out.
            SmsMessage[] campaign = [.. recipients.Select(r => new SmsMessage(r.Phone, Personalise(r))
            {
                ClientReference = $"campaign-{r.Line}",
                IdempotencyKey = $"{_options.Id}:statement:{r.Line}",
            })];
            await SendWithRetryAsync(campaign, _sms, stoppingToken);

            // 2. One text to everyone through a specific provider (keyed gateways work the same way).
            if (_gateways.Names.Contains(KenyaSms.Qserve.QserveSmsGateway.ProviderName))
            {
                ISmsGateway qserve = _gateways.Get(KenyaSms.Qserve.QserveSmsGateway.ProviderName);
                await SendWithRetryAsync([new SmsMessage(recipients.Select(r => r.Phone), _options.Reminder) { IdempotencyKey = $"{_options.Id}:reminder" }], qserve, stoppingToken);
            }

            //    And the venue through Africa's Talking (one text to many numbers, comma-joined in one form-encoded request).
            if (_gateways.Names.Contains(KenyaSms.AfricasTalking.AfricasTalkingSmsGateway.ProviderName))
            {
                ISmsGateway africasTalking = _gateways.Get(KenyaSms.AfricasTalking.AfricasTalkingSmsGateway.ProviderName);
                await SendWithRetryAsync([new SmsMessage(recipients.Select(r => r.Phone), _options.Venue) { IdempotencyKey = $"{_options.Id}:venue" }], africasTalking, stoppingToken);
            }

            // 3. Delivery: wait a bounded time for the reports of what the provider accepted.
            await _deliveries.WaitAsync(_options.DeliveryWait, stoppingToken);
            (int delivered, int failed, int pending) = _deliveries.Summary();
            Delivery(_logger, delivered, failed, pending);
            Ledger(_logger, _sent, _replayed);

            // 4. Summary per provider, with its balance.
            foreach (string name in _gateways.Names)
            {
                (int messages, int accepted, int rejected, int uncertain) = _totals.GetValueOrDefault(name);
                string balance;
                try
                {
                    balance = (await _gateways.Get(name).GetBalanceAsync(stoppingToken)).Credits.ToString("0.##", CultureInfo.InvariantCulture);
                }
                catch (SmsGatewayException ex)
                {
                    balance = "unavailable (" + ex.Error + ")";
                }

                Summary(_logger, name, messages, accepted, rejected, uncertain, balance);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // host shutting down
        }
#pragma warning disable CA1031 // A job logs what stopped it and exits non-zero rather than crash the host.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            JobFailed(_logger, ex);
            Environment.ExitCode = 1;
        }
        finally
        {
            _lifetime.StopApplication();
        }
    }

    /// <summary>
    /// Sends, and re-sends only the messages whose recipients certainly did not get them: a whole-call
    /// failure with MayHaveBeenSent false, or recipients of a failed request marked MayHaveBeenSent false.
    /// </summary>
    private async Task SendWithRetryAsync(IReadOnlyList<SmsMessage> messages, ISmsGateway gateway, CancellationToken cancellationToken)
    {
        IReadOnlyList<SmsMessage> pending = messages;
        for (int attempt = 1; attempt <= MaxAttempts && pending.Count > 0; attempt++)
        {
            try
            {
                SmsSendResult result = await gateway.SendBatchAsync(pending, cancellationToken);
                // The provider that took it (a failover chain names it in the result) decides whether reports come.
                if (_gateways.Get(result.Provider).Capabilities.HasFlag(SmsGatewayCapabilities.DeliveryReports))
                {
                    // A replay was sent (and reported) by an earlier run: no new report will come for it.
                    _deliveries.Expect(result.Recipients.Where(r => r.IsAccepted && !r.IsReplay && r.MessageId is not null).Select(r => r.MessageId!));
                }

                pending = Record(result, pending, lastAttempt: attempt == MaxAttempts);
            }
            catch (SmsGatewayException ex) when (!ex.MayHaveBeenSent && ex.IsTransient && attempt < MaxAttempts)
            {
                Retrying(_logger, gateway.Name, ex.Error, attempt);
                await Task.Delay(TimeSpan.FromSeconds(attempt), cancellationToken);
            }
            catch (SmsSendCanceledException ex) when (ex.MayHaveBeenSent)
            {
                // The host is stopping mid-send: never let a restart resend it blindly (the ledger knows what went out).
                MaybeSent(_logger, ex.Provider, pending.Count, SmsErrorCode.OutcomeUnknown);
                throw;
            }
            catch (SmsGatewayException ex) when (ex.MayHaveBeenSent)
            {
                // Never resend: the provider may have delivered them. Flag for a check against delivery reports.
                MaybeSent(_logger, gateway.Name, pending.Count, ex.Error);
                Add(ex.Provider, pending.Sum(m => m.To.Count), 0, 0, pending.Sum(m => m.To.Count));
                return;
            }
        }
    }

    /// <summary>
    /// Adds a result to the totals and returns the messages that are safe and worth sending again (none after the
    /// last attempt: those recipients count as rejected then, so the totals still add up).
    /// </summary>
    private List<SmsMessage> Record(SmsSendResult result, IReadOnlyList<SmsMessage> sent, bool lastAttempt)
    {
        var retry = new List<SmsMessage>();
        int index = 0, uncertain = 0, retried = 0;
        foreach (SmsMessage message in sent)
        {
            var again = new List<string>();
            for (int i = 0; i < message.To.Count; i++, index++)
            {
                SmsRecipientResult r = result.Recipients[index];
                if (r.IsReplay)
                {
                    _replayed++;
                }
                else if (r.IsAccepted)
                {
                    _sent++;
                }

                if (r.IsAccepted)
                {
                    continue;
                }

                if (r.Status.MayHaveBeenSent)
                {
                    uncertain++;
                }
                else if (r.Status.IsTransient && !lastAttempt)
                {
                    again.Add(message.To[i]);
                }
                else
                {
                    // One readable line: who (masked), what the provider said, in its words and ours.
                    Rejected(_logger, result.Provider, Mask(r.PhoneNumber), r.Status.Error, r.Status.Code, r.Status.Description);
                }
            }

            if (again.Count > 0)
            {
                retried += again.Count;
                retry.Add(new SmsMessage(again, message.Text) { SenderId = message.SenderId, ClientReference = message.ClientReference, IdempotencyKey = message.IdempotencyKey });
            }
        }

        Add(result.Provider, result.Recipients.Count - retried, result.AcceptedCount, result.RejectedCount - uncertain - retried, uncertain);
        return retry;
    }

    private void Add(string provider, int messages, int accepted, int rejected, int uncertain)
    {
        (int m, int a, int r, int u) = _totals.GetValueOrDefault(provider);
        _totals[provider] = (m + messages, a + accepted, r + rejected, u + uncertain);
    }

    private string Personalise(Recipient r) =>
        _options.Template.Replace("{name}", r.Name.Split(' ')[0], StringComparison.Ordinal)
            .Replace("{balance}", r.Balance.ToString("N0", CultureInfo.InvariantCulture), StringComparison.Ordinal);

    [LoggerMessage(1, LogLevel.Information, "Campaign: {Count} recipients loaded; sending through {Gateway}")]
    private static partial void CampaignLoaded(ILogger logger, int count, string gateway);

    [LoggerMessage(2, LogLevel.Information, "{Provider}: {Messages} messages, {Accepted} accepted, {Rejected} rejected, {Uncertain} uncertain, balance {Balance}")]
    private static partial void Summary(ILogger logger, string provider, int messages, int accepted, int rejected, int uncertain, string balance);

    [LoggerMessage(3, LogLevel.Information, "{Provider} did not send to {Recipient}: {Error} (code {Code}: {Description})")]
    private static partial void Rejected(ILogger logger, string provider, string recipient, SmsErrorCode error, string code, string description);

    // +254711000111 as +2547******11: enough to tell recipients apart in a log, not a number to copy. An invalid
    // number (a typo in the CSV) is shown as typed, so it can be found and fixed.
    private static string Mask(string number) =>
        number.StartsWith("+254", StringComparison.Ordinal) && number.Length == 13 ? number[..5] + new string('*', 6) + number[^2..] : $"'{number}'";

    [LoggerMessage(4, LogLevel.Warning, "{Provider}: {Error} and nothing was sent; attempt {Attempt} will be retried")]
    private static partial void Retrying(ILogger logger, string provider, SmsErrorCode error, int attempt);

    [LoggerMessage(5, LogLevel.Warning, "{Provider}: {Count} message(s) may have been sent ({Error}); not resending, check delivery reports")]
    private static partial void MaybeSent(ILogger logger, string provider, int count, SmsErrorCode error);

    [LoggerMessage(7, LogLevel.Information, "Delivery reports are received at {Endpoint}/sms/delivery-reports/{{provider}}/(secret)")]
    private static partial void ReportsAt(ILogger logger, string endpoint);

    [LoggerMessage(8, LogLevel.Information, "delivery: {Delivered} delivered, {Failed} failed, {Pending} pending")]
    private static partial void Delivery(ILogger logger, int delivered, int failed, int pending);

    [LoggerMessage(9, LogLevel.Information, "ledger: {Sent} sent, {Replayed} replayed from the ledger")]
    private static partial void Ledger(ILogger logger, int sent, int replayed);

    [LoggerMessage(6, LogLevel.Error, "The campaign job failed")]
    private static partial void JobFailed(ILogger logger, Exception exception);
}
