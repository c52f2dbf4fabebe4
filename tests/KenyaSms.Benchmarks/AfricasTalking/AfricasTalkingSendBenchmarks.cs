using System.Net;
using BenchmarkDotNet.Attributes;
using KenyaSms.AfricasTalking;
using KenyaSms.Benchmarks.Baselines;
using KenyaSms.Benchmarks.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace KenyaSms.Benchmarks.AfricasTalking;

/// <summary>
/// One Africa's Talking send (an OTP) through ISmsGateway.SendAsync, against the hand-written form-encoded call. Both
/// end in the same in-process handler answering the reference's recorded one-recipient reply with 201 Created.
/// </summary>
[MemoryDiagnoser]
public class AfricasTalkingSendBenchmarks
{
    // The recipient of the reference's recorded reply, so that the SDK matches its status.
    private const string Number = "+254700072929";
    private const string Text = SampleMessages.Otp;
    private const string MessageId = "ATXid_441680e2a7160fa1126b560364972405";
    private static readonly Uri BaseAddress = new("https://api.africastalking.com/version1/");

    private readonly SmsMessage _message = new(Number, Text);
    private HttpClient _client = null!;
    private HandWrittenAfricasTalkingClient _handWritten = null!;
    private HttpClient _pollyClient = null!;
    private HandWrittenAfricasTalkingClient _handWrittenWithPolly = null!;
    private ServiceProvider _sdkServices = null!;
    private ISmsGateway _sdk = null!;

    [GlobalSetup]
    public void Setup()
    {
        _client = new HttpClient(Fixture()) { BaseAddress = BaseAddress };
        _handWritten = new HandWrittenAfricasTalkingClient(_client, SdkHost.AfricasTalkingUsername, SdkHost.AfricasTalkingApiKey, SdkHost.SenderName);
        _pollyClient = new HttpClient(new SdkShapedPolly.Handler(SdkShapedPolly.Pipeline(timeouts: true, retryAndBreaker: true)) { InnerHandler = Fixture() }) { BaseAddress = BaseAddress };
        _handWrittenWithPolly = new HandWrittenAfricasTalkingClient(_pollyClient, SdkHost.AfricasTalkingUsername, SdkHost.AfricasTalkingApiKey, SdkHost.SenderName);
        _sdkServices = SdkHost.AfricasTalking(Fixture);
        _sdk = _sdkServices.GetRequiredKeyedService<ISmsGateway>(AfricasTalkingSmsGateway.ProviderName);

        Check.Equal(MessageId, HandWritten().GetAwaiter().GetResult().MessageId, "hand-written message id");
        Check.Equal(MessageId, HandWrittenWithPolly().GetAwaiter().GetResult().MessageId, "hand-written (Polly) message id");
        Check.Accepted(Sdk().GetAwaiter().GetResult(), 1, MessageId);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _pollyClient.Dispose();
        _sdkServices.Dispose();
    }

    [Benchmark(Baseline = true, Description = "Hand-written HttpClient + STJ (baseline)")]
    public Task<AfricasTalkingRecipient> HandWritten() => _handWritten.SendAsync(Number, Text);

    // Not a target: the same call inside a Polly pipeline of the SDK's shape (two timeouts, retry, breaker).
    [Benchmark(Description = "Hand-written + SDK-shaped Polly pipeline")]
    public Task<AfricasTalkingRecipient> HandWrittenWithPolly() => _handWrittenWithPolly.SendAsync(Number, Text);

    [Benchmark(Description = "ISmsGateway.SendAsync")]
    public Task<SmsSendResult> Sdk() => _sdk.SendAsync(_message);

    private static FixtureHandler Fixture() => new(Fixtures.AfricasTalkingSend, HttpStatusCode.Created);
}
