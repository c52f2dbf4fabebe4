using System.Diagnostics;
using System.Globalization;
using KenyaSms.Benchmarks.Infrastructure;
using KenyaSms.Synqtel;
using Microsoft.Extensions.DependencyInjection;

namespace KenyaSms.Benchmarks.Campaign;

/// <summary>
/// <c>--rate-limit RATE SECONDS</c>: the long-run rate <c>Synqtel:MaxMessagesPerSecond = RATE</c> lets through. Sends
/// messages (one recipient each, windows of 100, through the in-process sendmultiple stub) for about SECONDS of real time
/// and prints the measured rate against the setting. The first bucket (a burst every token bucket allows) leaves at
/// t = 0 and is left out of the long-run figure: (accepted - RATE) / elapsed.
/// </summary>
public static class RateLimitRunner
{
    public static async Task<int> RunAsync(string[] args)
    {
        int rate = Arg(args, 1, "RATE");
        int seconds = Arg(args, 2, "SECONDS");
        using ServiceProvider services = SdkHost.Synqtel(() => new SendMultipleStub(), more: s => s.AddKenyaSms().AddSynqtel(o => o.MaxMessagesPerSecond = rate));
        ISmsGateway sms = services.GetRequiredKeyedService<ISmsGateway>(SynqtelSmsGateway.ProviderName);
        int total = rate * (seconds + 1);
        var clock = Stopwatch.StartNew();
        TimeSpan afterBurst = TimeSpan.Zero;
        int sent = 0;
        IEnumerable<SmsMessage> messages = Enumerable.Range(0, total).Select(i => new SmsMessage("0722" + (i % 1_000_000).ToString("000000", CultureInfo.InvariantCulture), "rate"));
        await foreach (SmsRecipientResult r in sms.SendBatchStreamAsync(messages, windowSize: 100).ConfigureAwait(false))
        {
            sent += r.IsAccepted ? 1 : 0;
            if (sent == rate)
            {
                afterBurst = clock.Elapsed; // the first bucket went out at once
            }
        }

        TimeSpan elapsed = clock.Elapsed;
        // The first bucket leaves at once (t = 0); each later one at a refill: SECONDS buckets over SECONDS of clock.
        double longRun = (sent - rate) / elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"MaxMessagesPerSecond {rate}: {sent:N0} accepted in {elapsed.TotalSeconds:0.00} s; first {rate} results after {afterBurst.TotalMilliseconds:0} ms; long run {longRun:0.0} msg/s ({longRun / rate:0.000}x the setting)"));
        return sent == total ? 0 : 1;
    }

    private static int Arg(string[] args, int index, string name) =>
        args.Length > index && int.TryParse(args[index], NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value > 0
            ? value
            : throw new ArgumentException($"usage: --rate-limit RATE SECONDS ({name} must be a positive whole number)", nameof(args));
}
