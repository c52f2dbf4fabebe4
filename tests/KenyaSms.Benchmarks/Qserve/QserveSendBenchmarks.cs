using BenchmarkDotNet.Attributes;
using KenyaSms.Benchmarks.Baselines;
using KenyaSms.Benchmarks.Infrastructure;
using KenyaSms.Qserve;
using Microsoft.Extensions.DependencyInjection;

namespace KenyaSms.Benchmarks.Qserve;

/// <summary>One 254sms sendsms through ISmsGateway.SendAsync, against the hand-written HttpClient + System.Text.Json call.</summary>
[MemoryDiagnoser]
public class QserveSendBenchmarks
{
    // The second recipient of the reference's reply, so that the SDK matches its status.
    private const string Number = "254722998999";
    private const string Text = SampleMessages.Otp;

    private readonly SmsMessage _message = new(Number, Text);
    private HttpClient _client = null!;
    private HandWrittenQserveClient _handWritten = null!;
    private HttpClient _pollyClient = null!;
    private HandWrittenQserveClient _handWrittenWithPolly = null!;
    private ServiceProvider _sdkServices = null!;
    private ISmsGateway _sdk = null!;

    [GlobalSetup]
    public void Setup()
    {
        var baseAddress = new Uri("https://api.qserve.co.ke/version1/");
        _client = new HttpClient(new FixtureHandler(Fixtures.QserveSendSms)) { BaseAddress = baseAddress };
        _handWritten = new HandWrittenQserveClient(_client, SdkHost.QserveUsername, SdkHost.QserveApiKey, SdkHost.SenderName);
        _pollyClient = new HttpClient(new SdkShapedPolly.Handler(SdkShapedPolly.Pipeline(timeouts: true, retryAndBreaker: true)) { InnerHandler = new FixtureHandler(Fixtures.QserveSendSms) }) { BaseAddress = baseAddress };
        _handWrittenWithPolly = new HandWrittenQserveClient(_pollyClient, SdkHost.QserveUsername, SdkHost.QserveApiKey, SdkHost.SenderName);
        _sdkServices = SdkHost.Qserve(() => new FixtureHandler(Fixtures.QserveSendSms));
        _sdk = _sdkServices.GetRequiredKeyedService<ISmsGateway>(QserveSmsGateway.ProviderName);

        Check.Equal(101, HandWritten().GetAwaiter().GetResult().StatusCode, "hand-written status");
        Check.Equal(101, HandWrittenWithPolly().GetAwaiter().GetResult().StatusCode, "hand-written (Polly) status");
        Check.Accepted(Sdk().GetAwaiter().GetResult(), 1, messageId: null);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _pollyClient.Dispose();
        _sdkServices.Dispose();
    }

    [Benchmark(Baseline = true, Description = "Hand-written HttpClient + STJ (baseline)")]
    public Task<QserveSendSmsReply> HandWritten() => _handWritten.SendSmsAsync(Number, Text);

    // Not a target: the same call inside a Polly pipeline of the SDK's shape (two timeouts, retry, breaker).
    [Benchmark(Description = "Hand-written + SDK-shaped Polly pipeline")]
    public Task<QserveSendSmsReply> HandWrittenWithPolly() => _handWrittenWithPolly.SendSmsAsync(Number, Text);

    [Benchmark(Description = "ISmsGateway.SendAsync")]
    public Task<SmsSendResult> Sdk() => _sdk.SendAsync(_message);
}
