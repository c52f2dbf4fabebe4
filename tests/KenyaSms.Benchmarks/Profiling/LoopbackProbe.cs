using System.Diagnostics;
using System.Globalization;
using KenyaSms.Benchmarks.Baselines;
using KenyaSms.Benchmarks.Infrastructure;
using KenyaSms.Simulator;
using KenyaSms.Synqtel;
using Microsoft.Extensions.DependencyInjection;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace KenyaSms.Benchmarks.Profiling;

/// <summary>
/// <c>--loopback [rounds]</c>: one Synqtel sendsms against the simulator over loopback HTTP, interleaved
/// in rounds of 100 calls a case, every call timed on its own; prints percentiles. On a loaded machine
/// loopback latency is bimodal (scheduling), so percentiles of interleaved calls say more than
/// BenchmarkDotNet's means of back-to-back runs. The cases split the SDK's share: the hand-written call
/// (chunked and fixed-length body), the same through an IHttpClientFactory client, the same through the
/// SDK's own named client (its handler chain without the adapter), and ISmsGateway.SendAsync; between the
/// factory client and the SDK's, the factory client with a Polly pipeline of the SDK's shape (whole, empty,
/// timeouts only, retry and breaker only) around the primary handler, to split what Polly alone adds. A timing
/// handler at the bottom of the factory and SDK chains measures the socket round trip under each chain.
/// Measurement starts after a warm-up (<c>--warmup SECONDS</c>, default 5): with only a round of warm-up,
/// the SDK's cases ran largely as tier-0 code while the JIT's background thread recompiled them on the same
/// two cores, which was most of the "~100 µs" the SDK appeared to add.
/// </summary>
public static class LoopbackProbe
{
    private const int PerRound = 100;
    private const string Number = "+254722310558";

    public static async Task<int> RunAsync(string[] args)
    {
        int rounds = args.Length > 1 && int.TryParse(args[1], CultureInfo.InvariantCulture, out int r) && r > 0 ? r : 20;
        await using SmsSimulator simulator = await SmsSimulator.StartAsync(new SmsSimulatorOptions { SynqtelCredits = long.MaxValue / 4 }).ConfigureAwait(false);
        using var client = new HttpClient(new SocketsHttpHandler()) { BaseAddress = simulator.SynqtelBaseAddress };
        var handWritten = new HandWrittenSynqtelClient(client, simulator.SynqtelApiKey, SdkHost.SenderName);
        var underSdk = new TimingHandler();
        var underFactory = new TimingHandler();
        var underPolly = new TimingHandler();
        var underEmptyPolly = new TimingHandler();
        var underPollyTimeouts = new TimingHandler();
        var underPollyRetry = new TimingHandler();
        using ServiceProvider services = SdkHost.Synqtel(() => underSdk, simulator.SynqtelBaseAddress, simulator.SynqtelApiKey, more: s =>
        {
            s.AddHttpClient("plain", c => c.BaseAddress = simulator.SynqtelBaseAddress).ConfigurePrimaryHttpMessageHandler(() => underFactory);
            s.AddHttpClient("polly", c => c.BaseAddress = simulator.SynqtelBaseAddress)
                .AddHttpMessageHandler(() => new SdkShapedPolly.Handler(SdkShapedPolly.Pipeline(timeouts: true, retryAndBreaker: true))).ConfigurePrimaryHttpMessageHandler(() => underPolly);
            s.AddHttpClient("polly-timeouts", c => c.BaseAddress = simulator.SynqtelBaseAddress)
                .AddHttpMessageHandler(() => new SdkShapedPolly.Handler(SdkShapedPolly.Pipeline(timeouts: true, retryAndBreaker: false))).ConfigurePrimaryHttpMessageHandler(() => underPollyTimeouts);
            s.AddHttpClient("polly-retry", c => c.BaseAddress = simulator.SynqtelBaseAddress)
                .AddHttpMessageHandler(() => new SdkShapedPolly.Handler(SdkShapedPolly.Pipeline(timeouts: false, retryAndBreaker: true))).ConfigurePrimaryHttpMessageHandler(() => underPollyRetry);
            s.AddHttpClient("empty-polly", c => c.BaseAddress = simulator.SynqtelBaseAddress)
                .AddHttpMessageHandler(() => new SdkShapedPolly.Handler(ResiliencePipeline<HttpResponseMessage>.Empty)).ConfigurePrimaryHttpMessageHandler(() => underEmptyPolly);
        });
        ISmsGateway sdk = services.GetRequiredKeyedService<ISmsGateway>(SynqtelSmsGateway.ProviderName);
        IHttpClientFactory factory = services.GetRequiredService<IHttpClientFactory>();
        HandWrittenSynqtelClient Through(string clientName) => new(factory.CreateClient(clientName), simulator.SynqtelApiKey, SdkHost.SenderName);
        var message = new SmsMessage(Number, SampleMessages.Otp);
        (string Name, Func<Task> Send)[] cases =
        [
            ("hand-written, JsonContent (chunked body)", () => handWritten.SendSmsAsync(Number, SampleMessages.Otp)),
            ("hand-written, byte[] body (Content-Length)", () => handWritten.SendSmsWithLengthAsync(Number, SampleMessages.Otp)),
            ("hand-written, byte[] body, factory client", () => Through("plain").SendSmsWithLengthAsync(Number, SampleMessages.Otp)),
            ("hand-written, byte[] body, factory + Polly", () => Through("polly").SendSmsWithLengthAsync(Number, SampleMessages.Otp)),
            ("hand-written, byte[] body, factory + empty Polly", () => Through("empty-polly").SendSmsWithLengthAsync(Number, SampleMessages.Otp)),
            ("hand-written, factory + Polly timeouts only", () => Through("polly-timeouts").SendSmsWithLengthAsync(Number, SampleMessages.Otp)),
            ("hand-written, factory + Polly retry, breaker", () => Through("polly-retry").SendSmsWithLengthAsync(Number, SampleMessages.Otp)),
            ("hand-written, byte[] body, the SDK's client", () => Through(SynqtelSmsGateway.HttpClientName).SendSmsWithLengthAsync(Number, SampleMessages.Otp)),
            ("ISmsGateway.SendAsync", () => sdk.SendAsync(message)),
        ];

        // Warm up until every path runs tier-1 code: with tiered compilation (and dynamic PGO) a method is
        // recompiled in the background after 30 calls and a quiet 100 ms, so a few hundred calls measure
        // mostly tier-0 code and the JIT's own thread competing for the CPU (the SDK, with Polly, has far
        // more methods to tier up than the hand-written call). --warmup SECONDS (default 5, 0 for none).
        int warmupIndex = Array.IndexOf(args, "--warmup");
        double warmupSeconds = warmupIndex > 0 && warmupIndex + 1 < args.Length
            && double.TryParse(args[warmupIndex + 1], CultureInfo.InvariantCulture, out double w) ? w : 5;
        long warmupStart = Stopwatch.GetTimestamp();
        int warmupRounds = 0;
        do
        {
            foreach ((string _, Func<Task> send) in cases)
            {
                for (int i = 0; i < PerRound; i++)
                {
                    await send().ConfigureAwait(false);
                }
            }

            simulator.Reset();
            warmupRounds++;
        }
        while (Stopwatch.GetElapsedTime(warmupStart).TotalSeconds < warmupSeconds);

        // Let the background compilations queued by the last warm-up calls finish.
        await Task.Delay(warmupSeconds > 0 ? 500 : 0).ConfigureAwait(false);
        underSdk.Clear();
        underFactory.Clear();
        underPolly.Clear();
        underEmptyPolly.Clear();
        underPollyTimeouts.Clear();
        underPollyRetry.Clear();

        var samples = cases.Select(_ => new List<double>(rounds * PerRound)).ToArray();
        for (int round = 0; round < rounds; round++)
        {

            for (int c = 0; c < cases.Length; c++)
            {
                for (int i = 0; i < PerRound; i++)
                {
                    long start = Stopwatch.GetTimestamp();
                    await cases[c].Send().ConfigureAwait(false);
                    samples[c].Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
                }
            }

            simulator.Reset();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"loopback sendsms, {rounds} rounds of {PerRound} calls a case, interleaved, after {warmupRounds} warm-up rounds ({warmupSeconds} s) (us): p10 / p50 / p90 / mean"));
        for (int c = 0; c < cases.Length; c++)
        {
            Console.WriteLine($"  {cases[c].Name,-45} {Percentiles(samples[c])}");
        }

        Console.WriteLine($"  {"socket round trip under the factory client",-45} {Percentiles(underFactory.Samples)}");
        Console.WriteLine($"  {"socket round trip under factory + Polly",-45} {Percentiles(underPolly.Samples)}");
        Console.WriteLine($"  {"socket round trip under factory + empty Polly",-45} {Percentiles(underEmptyPolly.Samples)}");
        Console.WriteLine($"  {"socket round trip under Polly timeouts only",-45} {Percentiles(underPollyTimeouts.Samples)}");
        Console.WriteLine($"  {"socket round trip under Polly retry, breaker",-45} {Percentiles(underPollyRetry.Samples)}");
        Console.WriteLine($"  {"socket round trip under the SDK's client",-45} {Percentiles(underSdk.Samples)}");
        return 0;
    }

    private static string Percentiles(List<double> samples)
    {
        samples.Sort();
        return string.Create(CultureInfo.InvariantCulture,
            $"{samples[samples.Count / 10],7:N1} / {samples[samples.Count / 2],7:N1} / {samples[samples.Count * 9 / 10],7:N1} / {samples.Average(),7:N1}");
    }

    // The SDK's pipeline shape with its default options (total and attempt timeouts, retry, circuit breaker),
    // none of them ever firing here: what Polly alone adds to a call.
    /// <summary>The primary handler with a clock around it: from the request going down to the response body read.</summary>
    private sealed class TimingHandler : DelegatingHandler
    {
        private readonly object _gate = new();
        private List<double> _samples = [];

        public TimingHandler()
            : base(new SocketsHttpHandler())
        {
        }

        public List<double> Samples
        {
            get
            {
                lock (_gate)
                {
                    return [.. _samples];
                }
            }
        }

        public void Clear()
        {
            lock (_gate)
            {
                _samples = [];
            }
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            long start = Stopwatch.GetTimestamp();
            HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            double elapsed = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            lock (_gate)
            {
                _samples.Add(elapsed);
            }

            return response;
        }
    }
}
