// Sends one keyed job through AddKenyaSms (Synqtel at a given base address) and a send ledger, from its own process, for
// the ledger's kill tests (reliability.md L1, L2, L11). Usage:
//   dotnet KenyaSms.Ledger.SendWorker.dll <synqtel base address> <sqlite|postgres> <connection string> <schema> <job> <messages> <recipients>
//       <batch|stream> <clock offset seconds> <honest|naive>
// The job: message i (i < messages) has the idempotency key "<job>:m<i:D4>", the text "<job> message <i>" and the
// recipients +254722<i:D4><r:D2> (r < recipients). "batch" sends it with one SendBatchAsync call (requests of up to 4
// pairs, 4 in flight);
// "stream" with SendBatchStreamAsync and a window of one message, so the requests go out one after the other, in order.
// The clock offset moves the SDK's clock (TimeProvider) forward, to run "after the lease" without waiting for it.
// "naive" wraps the ledger in a deliberately wrong one that re-sends expired claims (a mutation the kill tests must catch).
// Prints "ready", waits for a line on stdin (the start barrier), then one line per input recipient as its result comes:
//   result <key> <number> accepted=<0|1> replay=<0|1> may=<0|1> error=<SmsErrorCode> id=<message id or ->
// then "done" (exit 0); a send that throws prints "failed <exception type>: <message>" (exit 2).
using System.Globalization;
using KenyaSms;
using KenyaSms.Ledger.SendWorker;
using KenyaSms.PostgreSql;
using Microsoft.Extensions.DependencyInjection;

var baseAddress = new Uri(args[0]);
string kind = args[1], connectionString = args[2], schema = args[3], job = args[4];
int messages = int.Parse(args[5], CultureInfo.InvariantCulture);
int recipients = int.Parse(args[6], CultureInfo.InvariantCulture);
bool stream = args[7] switch { "stream" => true, "batch" => false, _ => throw new ArgumentException("mode: batch or stream", nameof(args)) };
var offset = TimeSpan.FromSeconds(int.Parse(args[8], CultureInfo.InvariantCulture));
bool naive = args[9] switch { "naive" => true, "honest" => false, _ => throw new ArgumentException("honest or naive", nameof(args)) };

var services = new ServiceCollection();
services.AddLogging();
services.AddSingleton<TimeProvider>(new OffsetTimeProvider(offset)); // before AddKenyaSms, which only adds TimeProvider.System if none
IKenyaSmsBuilder builder = services.AddKenyaSms(o =>
{
    // Short, so a short lease is valid (Lease > TotalTimeout + CancellationGracePeriod); long enough that nothing times
    // out on a loaded machine before the test kills the worker.
    o.Resilience.AttemptTimeout = TimeSpan.FromSeconds(60);
    o.Resilience.TotalTimeout = TimeSpan.FromSeconds(60);
    o.Resilience.CancellationGracePeriod = TimeSpan.FromSeconds(1);
    o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(50);
    o.Resilience.CircuitBreakerSamplingDuration = TimeSpan.FromSeconds(120);
}).AddSynqtel(o =>
{
    o.BaseAddress = baseAddress;
    o.ApiKey = "5157e1a70f5e7c0de5157e1a70f5e7c0de5157e1a70f5e7c0de5157e1a70f5e7"; // the simulator's default (SmsSimulatorOptions)
    o.SenderName = "KENYASMS";
    o.MaxMessagesPerRequest = 4; // 4 pairs a request: a batch is many requests (4 in flight), so workers racing on one job interleave
});
Action<SmsSendLedgerOptions> lease = o => o.Lease = TimeSpan.FromSeconds(90);
if (kind == "sqlite")
{
    builder.AddSqliteSendLedger(connectionString, lease);
}
else
{
    builder.AddPostgreSqlSendLedger(connectionString, lease);
    services.Configure<PostgreSqlSendLedgerOptions>(o => o.Schema = schema);
}

if (naive)
{
    ServiceDescriptor registered = services.Single(d => d.ServiceType == typeof(ISmsSendLedger));
    services.Remove(registered);
    services.AddSingleton<ISmsSendLedger>(sp => new NaiveLedger((ISmsSendLedger)registered.ImplementationFactory!(sp)));
}

await using ServiceProvider provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
ISmsGateway gateway = provider.GetRequiredService<ISmsGateway>();
Console.WriteLine("ready");
_ = Console.ReadLine();

SmsMessage[] job_ = [.. Enumerable.Range(0, messages).Select(i => new SmsMessage(
    [.. Enumerable.Range(0, recipients).Select(r => string.Create(CultureInfo.InvariantCulture, $"+254722{i:D4}{r:D2}"))],
    string.Create(CultureInfo.InvariantCulture, $"{job} message {i}"))
{
    IdempotencyKey = string.Create(CultureInfo.InvariantCulture, $"{job}:m{i:D4}"),
})];

try
{
    int n = 0;
    if (stream)
    {
        await foreach (SmsRecipientResult result in gateway.SendBatchStreamAsync(job_, windowSize: 1))
        {
            Print(n++, result);
        }
    }
    else
    {
        SmsSendResult sent = await gateway.SendBatchAsync(job_);
        foreach (SmsRecipientResult result in sent.Recipients)
        {
            Print(n++, result);
        }
    }
}
#pragma warning disable CA1031 // reported to the test, which fails on it
catch (Exception ex)
#pragma warning restore CA1031
{
    Console.WriteLine($"failed {ex.GetType().Name}: {ex.Message.ReplaceLineEndings(" ")}");
    return 2;
}

Console.WriteLine("done");
return 0;

void Print(int index, SmsRecipientResult result)
{
    string key = job_[index / recipients].IdempotencyKey!;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"result {key} {result.PhoneNumber} accepted={(result.IsAccepted ? 1 : 0)} replay={(result.IsReplay ? 1 : 0)} may={(result.Status.MayHaveBeenSent ? 1 : 0)} error={result.Status.Error} id={result.MessageId ?? "-"}"));
}
