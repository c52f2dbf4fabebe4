using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using KenyaSms.Benchmarks.Baselines;
using KenyaSms.Benchmarks.Infrastructure;
using KenyaSms.Synqtel;
using Microsoft.Extensions.DependencyInjection;

namespace KenyaSms.Benchmarks.Synqtel;

/// <summary>
/// SendBatchAsync of a personalised campaign (Synqtel sendmultiple, 500 messages a request) against a
/// hand-written chunked sender. Both end in a stub that answers each request with one entry per message.
/// "Stub only" is what the stub itself costs for the same requests: the part of both figures that is
/// neither the SDK nor the baseline.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PerMessageConfig))]
[FewerIterations(warmupCount: 3, iterationCount: 8)]
public class SynqtelBatchBenchmarks
{
    private const int ChunkSize = 500;
    private static readonly Uri BaseAddress = new("https://api.synqtel.com/sms/");

    private List<SmsMessage> _messages = [];
    private List<byte[]> _requestBodies = [];
    private SendMultipleStub _stubAlone = null!;
    private HttpClient _client = null!;
    private HandWrittenSynqtelClient _handWritten = null!;
    private ServiceProvider _sdkServices = null!;
    private ISmsGateway _sdk = null!;

    [Params(1_000, 10_000, 100_000)]
    public int Messages { get; set; } = 1_000;

    [GlobalSetup]
    public void Setup()
    {
        _messages = [.. SampleMessages.Campaign(Messages)];
        _requestBodies = [.. _messages.Chunk(ChunkSize).Select(chunk => JsonSerializer.SerializeToUtf8Bytes(
            new SynqtelSendMultipleBody(0, SdkHost.SenderName, [.. chunk.Select((m, i) => new SynqtelMultipleEntry(m.To[0], m.Text, (6_000_000_000_000_000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture)))]),
            BaselineJson.Default.SynqtelSendMultipleBody))];
        _stubAlone = new SendMultipleStub();
        _client = new HttpClient(new SendMultipleStub()) { BaseAddress = BaseAddress };
        _handWritten = new HandWrittenSynqtelClient(_client, SdkHost.SynqtelApiKey, SdkHost.SenderName);
        _sdkServices = SdkHost.Synqtel(() => new SendMultipleStub());
        _sdk = _sdkServices.GetRequiredKeyedService<ISmsGateway>(SynqtelSmsGateway.ProviderName);

        Check.Equal(Messages, HandWritten().GetAwaiter().GetResult().Count(o => o.Accepted), "hand-written accepted");
        Check.Accepted(Sdk().GetAwaiter().GetResult(), Messages, messageId: null);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _sdkServices.Dispose();
        _stubAlone.Dispose();
    }

    [Benchmark(Baseline = true, Description = "Hand-written chunked sender (baseline)")]
    public Task<List<BatchOutcome>> HandWritten() => _handWritten.SendBatchAsync(_messages, ChunkSize);

    [Benchmark(Description = "ISmsGateway.SendBatchAsync")]
    public Task<SmsSendResult> Sdk() => _sdk.SendBatchAsync(_messages);

    [Benchmark(Description = "Stub only (same requests)")]
    public int StubOnly()
    {
        int bytes = 0;
        foreach (byte[] body in _requestBodies)
        {
            using PooledContent reply = _stubAlone.Reply(body);
            bytes += (int)reply.Headers.ContentLength!.Value;
        }

        return bytes;
    }

    private sealed class PerMessageConfig : ManualConfig
    {
        public PerMessageConfig() => AddColumn(PerMessageColumn.Time, PerMessageColumn.Allocation);
    }
}
