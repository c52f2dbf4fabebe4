using BenchmarkDotNet.Attributes;
using KenyaSms.Benchmarks.Baselines;
using KenyaSms.Benchmarks.Infrastructure;
using KenyaSms.Synqtel;
using Microsoft.Extensions.DependencyInjection;

namespace KenyaSms.Benchmarks.Synqtel;

/// <summary>
/// One Synqtel sendsms (an OTP) through ISmsGateway.SendAsync, against the hand-written HttpClient +
/// System.Text.Json call. Both end in the same in-process handler answering the reference's reply bytes.
/// </summary>
[MemoryDiagnoser]
public class SynqtelSendBenchmarks
{
    private const string Number = "+254722310558";
    private const string Text = SampleMessages.Otp;
    private static readonly Uri BaseAddress = new("https://api.synqtel.com/sms/");

    private readonly SmsMessage _message = new(Number, Text);
    private HttpClient _client = null!;
    private HandWrittenSynqtelClient _handWritten = null!;
    private HttpClient _pollyClient = null!;
    private HandWrittenSynqtelClient _handWrittenWithPolly = null!;
    private ServiceProvider _plainFactory = null!;
    private IHttpClientFactory _factory = null!;
    private ServiceProvider _sdkServices = null!;
    private ISmsGateway _sdk = null!;
    private ServiceProvider _sdkNoLoggingServices = null!;
    private ISmsGateway _sdkNoLogging = null!;

    [GlobalSetup]
    public void Setup()
    {
        _client = new HttpClient(new FixtureHandler(Fixtures.SynqtelSendSms)) { BaseAddress = BaseAddress };
        _handWritten = new HandWrittenSynqtelClient(_client, SdkHost.SynqtelApiKey, SdkHost.SenderName);
        _pollyClient = new HttpClient(new SdkShapedPolly.Handler(SdkShapedPolly.Pipeline(timeouts: true, retryAndBreaker: true)) { InnerHandler = new FixtureHandler(Fixtures.SynqtelSendSms) }) { BaseAddress = BaseAddress };
        _handWrittenWithPolly = new HandWrittenSynqtelClient(_pollyClient, SdkHost.SynqtelApiKey, SdkHost.SenderName);

        var plain = new ServiceCollection();
        plain.AddHttpClient("plain", c => c.BaseAddress = BaseAddress).ConfigurePrimaryHttpMessageHandler(() => new FixtureHandler(Fixtures.SynqtelSendSms));
        _plainFactory = plain.BuildServiceProvider();
        _factory = _plainFactory.GetRequiredService<IHttpClientFactory>();

        _sdkServices = SdkHost.Synqtel(() => new FixtureHandler(Fixtures.SynqtelSendSms));
        _sdk = _sdkServices.GetRequiredKeyedService<ISmsGateway>(SynqtelSmsGateway.ProviderName);
        _sdkNoLoggingServices = SdkHost.Synqtel(() => new FixtureHandler(Fixtures.SynqtelSendSms), httpClientLogging: false);
        _sdkNoLogging = _sdkNoLoggingServices.GetRequiredKeyedService<ISmsGateway>(SynqtelSmsGateway.ProviderName);

        Check.Equal(8738598L, HandWritten().GetAwaiter().GetResult().MessageId, "hand-written message id");
        Check.Equal(8738598L, HandWrittenWithPolly().GetAwaiter().GetResult().MessageId, "hand-written (Polly) message id");
        Check.Equal(8738598L, HandWrittenViaFactory().GetAwaiter().GetResult().MessageId, "hand-written (factory) message id");
        Check.Accepted(Sdk().GetAwaiter().GetResult(), 1, "8738598");
        Check.Accepted(SdkWithoutHttpClientLogging().GetAwaiter().GetResult(), 1, "8738598");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _pollyClient.Dispose();
        _plainFactory.Dispose();
        _sdkServices.Dispose();
        _sdkNoLoggingServices.Dispose();
    }

    [Benchmark(Baseline = true, Description = "Hand-written HttpClient + STJ (baseline)")]
    public Task<SynqtelSendSmsReply> HandWritten() => _handWritten.SendSmsAsync(Number, Text);

    // Not a target: the same call inside a Polly pipeline of the SDK's shape (two timeouts, retry, breaker), to show
    // what those protections cost a hand-written call that has them.
    [Benchmark(Description = "Hand-written + SDK-shaped Polly pipeline")]
    public Task<SynqtelSendSmsReply> HandWrittenWithPolly() => _handWrittenWithPolly.SendSmsAsync(Number, Text);

    // Not a target: the same call through an IHttpClientFactory client (its default logging handlers
    // included), to show what the factory's chain costs on its own.
    [Benchmark(Description = "Hand-written, IHttpClientFactory client")]
    public Task<SynqtelSendSmsReply> HandWrittenViaFactory() =>
        new HandWrittenSynqtelClient(_factory.CreateClient("plain"), SdkHost.SynqtelApiKey, SdkHost.SenderName).SendSmsAsync(Number, Text);

    [Benchmark(Description = "ISmsGateway.SendAsync")]
    public Task<SmsSendResult> Sdk() => _sdk.SendAsync(_message);

    // Not a target: the SDK with IHttpClientFactory's logging handlers removed (RemoveAllLoggers).
    [Benchmark(Description = "ISmsGateway.SendAsync, no HttpClient logging")]
    public Task<SmsSendResult> SdkWithoutHttpClientLogging() => _sdkNoLogging.SendAsync(_message);
}
