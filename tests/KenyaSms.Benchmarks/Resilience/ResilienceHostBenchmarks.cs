using System.Net;
using System.Net.Http.Headers;
using BenchmarkDotNet.Attributes;
using KenyaSms.Benchmarks.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace KenyaSms.Benchmarks.Resilience;

/// <summary>
/// Who hosts the pipeline (docs/decisions.md, issue 15): the same strategy set (total timeout, concurrency limiter,
/// retry whose predicate reads a per-request state, circuit breaker, attempt timeout) run by a DelegatingHandler of our
/// own, as SmsResilienceHandler does, and by Microsoft.Extensions.Http.Resilience's <c>AddResilienceHandler</c>. Both
/// on an IHttpClientFactory client (its default logging handlers in both) over the same stub answering 200 with a small
/// JSON body; one POST per operation. Nothing is ever retried, so the figures are the hosts' cost on the success path.
/// </summary>
[MemoryDiagnoser]
public class ResilienceHostBenchmarks
{
    private const string Plain = "plain";
    private const string Ours = "ours";
    private const string Library = "library";
    private static readonly Uri Address = new("https://api.synqtel.com/sms/sendsms");
    private static readonly HttpRequestOptionsKey<RequestState> StateKey = new("Benchmark.RequestState");
    private static readonly ResiliencePropertyKey<RequestState> ContextStateKey = new("Benchmark.RequestState");
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly byte[] RequestBody = """{"to":"254722310558","message":"Your code is 123456"}"""u8.ToArray();

    private ServiceProvider _services = null!;
    private IHttpClientFactory _factory = null!;

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddHttpClient(Plain).ConfigurePrimaryHttpMessageHandler(Stub);

        // (a) Our way: one pipeline built once (a singleton in the SDK), run by our own handler.
        ResiliencePipeline<HttpResponseMessage> pipeline = Configure(new ResiliencePipelineBuilder<HttpResponseMessage>(), FromContextProperties).Build();
        services.AddHttpClient(Ours).ConfigurePrimaryHttpMessageHandler(Stub).AddHttpMessageHandler(() => new SdkShapedPolly.Handler(pipeline, CopyState));

        // (b) The library's host: the pipeline in Polly's registry (telemetry on, as AddResilienceHandler sets it up).
        services.AddHttpClient(Library).ConfigurePrimaryHttpMessageHandler(Stub)
            .AddResilienceHandler("sms", b => Configure(b, FromRequestMessage));

        _services = services.BuildServiceProvider();
        _factory = _services.GetRequiredService<IHttpClientFactory>();

        foreach (string client in new[] { Plain, Ours, Library })
        {
            Check.Equal(HttpStatusCode.OK, SendAsync(client).GetAwaiter().GetResult(), client + " status");
        }

        // The per-request state reached the retry predicate in both hosts (read once per attempt).
        Check.Equal(true, ProbeState(Ours), "state read by the predicate (ours)");
        Check.Equal(true, ProbeState(Library), "state read by the predicate (AddResilienceHandler)");
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Baseline = true, Description = "IHttpClientFactory client, no pipeline")]
    public Task<HttpStatusCode> NoPipeline() => SendAsync(Plain);

    [Benchmark(Description = "Pipeline in our DelegatingHandler")]
    public Task<HttpStatusCode> OurHandler() => SendAsync(Ours);

    [Benchmark(Description = "Pipeline in AddResilienceHandler")]
    public Task<HttpStatusCode> AddResilienceHandler() => SendAsync(Library);

    private static HttpMessageHandler Stub() => new FixtureHandler(Fixtures.SynqtelSendSms);

    private async Task<HttpStatusCode> SendAsync(string client, RequestState? state = null)
    {
        var content = new ByteArrayContent(RequestBody);
        content.Headers.ContentType = Json;
        using var request = new HttpRequestMessage(HttpMethod.Post, Address) { Content = content };
        request.Options.Set(StateKey, state ?? new RequestState());
        using HttpResponseMessage response = await _factory.CreateClient(client).SendAsync(request).ConfigureAwait(false);
        return response.StatusCode;
    }

    private bool ProbeState(string client)
    {
        var state = new RequestState();
        SendAsync(client, state).GetAwaiter().GetResult();
        return state.PredicateCalls == 1;
    }

    /// <summary>The strategy set, identical for both hosts; <paramref name="state"/> is how each finds the request's state.</summary>
    private static ResiliencePipelineBuilder<HttpResponseMessage> Configure(
        ResiliencePipelineBuilder<HttpResponseMessage> builder, Func<ResilienceContext, RequestState?> state)
    {
        var defaults = new SmsResilienceOptions();
        return builder
            .AddTimeout(defaults.TotalTimeout)
            .AddConcurrencyLimiter(permitLimit: Math.Max(defaults.MaxConcurrentRequests, 1), queueLimit: 10_000)
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = defaults.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = defaults.BaseDelay,
                ShouldHandle = args => new ValueTask<bool>(ShouldRetry(state(args.Context), args.Outcome)),
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = args => new ValueTask<bool>(args.Outcome.Exception is HttpRequestException
                    || args.Outcome.Result?.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests),
            })
            .AddTimeout(defaults.AttemptTimeout);
    }

    // The shape of the SDK's send rule: a transient failure is retried only when the request certainly did not go out.
    private static bool ShouldRetry(RequestState? state, Outcome<HttpResponseMessage> outcome)
    {
        if (state is null)
        {
            return false;
        }

        state.PredicateCalls++;
        return !state.MayHaveBeenSent
            && (outcome.Exception is HttpRequestException || outcome.Result?.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable);
    }

    private static RequestState? FromContextProperties(ResilienceContext context) => context.Properties.GetValue(ContextStateKey, null!);

    // Our host: the state copied from the request onto the pooled context the pipeline runs with.
    private static void CopyState(HttpRequestMessage request, ResilienceContext context)
    {
        if (request.Options.TryGetValue(StateKey, out RequestState? state))
        {
            context.Properties.Set(ContextStateKey, state);
        }
    }

    // AddResilienceHandler puts the request on the context; the state rides on the request's Options.
#pragma warning disable EXTEXP0001 // GetRequestMessage is marked experimental in Microsoft.Extensions.Http.Resilience 10.11.0.
    private static RequestState? FromRequestMessage(ResilienceContext context) =>
        context.GetRequestMessage() is { } request && request.Options.TryGetValue(StateKey, out RequestState? state) ? state : null;
#pragma warning restore EXTEXP0001

    private sealed class RequestState
    {
        public bool MayHaveBeenSent { get; set; }

        public int PredicateCalls { get; set; }
    }
}
