using BenchmarkDotNet.Attributes;
using KenyaSms.Benchmarks.Baselines;
using KenyaSms.Benchmarks.Infrastructure;
using KenyaSms.Simulator;
using KenyaSms.Synqtel;
using Microsoft.Extensions.DependencyInjection;

namespace KenyaSms.Benchmarks.Synqtel;

/// <summary>
/// The same Synqtel sendsms against the simulator over loopback HTTP (Kestrel on 127.0.0.1, a real
/// socket and HTTP/1.1 on both sides): how much of a real call is the SDK's own cost. The simulator
/// runs in the benchmark process, so its work is in both figures. Its ledger is cleared after every
/// iteration so that it does not grow through the run.
/// </summary>
[MemoryDiagnoser]
[FewerIterations(warmupCount: 2, iterationCount: 8, invocationCount: 1024)]
public class LoopbackSendBenchmarks
{
    private const string Number = "+254722310558";
    private readonly SmsMessage _message = new(Number, SampleMessages.Otp);
    private SmsSimulator _simulator = null!;
    private HttpClient _client = null!;
    private HandWrittenSynqtelClient _handWritten = null!;
    private ServiceProvider _sdkServices = null!;
    private ISmsGateway _sdk = null!;

    [GlobalSetup]
    public void Setup()
    {
        _simulator = SmsSimulator.StartAsync(new SmsSimulatorOptions { SynqtelCredits = long.MaxValue / 4 }).GetAwaiter().GetResult();
        _client = new HttpClient(new SocketsHttpHandler()) { BaseAddress = _simulator.SynqtelBaseAddress };
        _handWritten = new HandWrittenSynqtelClient(_client, _simulator.SynqtelApiKey, SdkHost.SenderName);
        _sdkServices = SdkHost.Synqtel(primary: null, _simulator.SynqtelBaseAddress, _simulator.SynqtelApiKey);
        _sdk = _sdkServices.GetRequiredKeyedService<ISmsGateway>(SynqtelSmsGateway.ProviderName);

        Check.Equal("1000", HandWritten().GetAwaiter().GetResult().StatusCode, "hand-written status");
        Check.Accepted(Sdk().GetAwaiter().GetResult(), 1, messageId: null);
        _simulator.Reset();
    }

    [IterationCleanup]
    public void ClearLedger() => _simulator.Reset();

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _sdkServices.Dispose();
        _simulator.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "Hand-written HttpClient + STJ (baseline)")]
    public Task<SynqtelSendSmsReply> HandWritten() => _handWritten.SendSmsAsync(Number, SampleMessages.Otp);

    [Benchmark(Description = "ISmsGateway.SendAsync")]
    public Task<SmsSendResult> Sdk() => _sdk.SendAsync(_message);
}
