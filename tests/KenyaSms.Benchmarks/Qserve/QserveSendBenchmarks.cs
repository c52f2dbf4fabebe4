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
    private ServiceProvider _sdkServices = null!;
    private ISmsGateway _sdk = null!;

    [GlobalSetup]
    public void Setup()
    {
        _client = new HttpClient(new FixtureHandler(Fixtures.QserveSendSms)) { BaseAddress = new Uri("https://api.qserve.co.ke/version1/") };
        _handWritten = new HandWrittenQserveClient(_client, SdkHost.QserveUsername, SdkHost.QserveApiKey, SdkHost.SenderName);
        _sdkServices = SdkHost.Qserve(() => new FixtureHandler(Fixtures.QserveSendSms));
        _sdk = _sdkServices.GetRequiredKeyedService<ISmsGateway>(QserveSmsGateway.ProviderName);

        Check.Equal(101, HandWritten().GetAwaiter().GetResult().StatusCode, "hand-written status");
        Check.Accepted(Sdk().GetAwaiter().GetResult(), 1, messageId: null);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _sdkServices.Dispose();
    }

    [Benchmark(Baseline = true, Description = "Hand-written HttpClient + STJ (baseline)")]
    public Task<QserveSendSmsReply> HandWritten() => _handWritten.SendSmsAsync(Number, Text);

    [Benchmark(Description = "ISmsGateway.SendAsync")]
    public Task<SmsSendResult> Sdk() => _sdk.SendAsync(_message);
}
