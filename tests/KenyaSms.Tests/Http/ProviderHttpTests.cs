using System.Net;
using System.Text.Json;
using KenyaSms.Http;
using KenyaSms.Json;
using KenyaSms.Sending;
using KenyaSms.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;

namespace KenyaSms.Tests.Http;

// ProviderHttp's per-request objects: the request it builds, as the handlers below it see it.
public sealed class ProviderHttpTests : IDisposable
{
    private readonly SmsTelemetry _telemetry = new();

    public void Dispose() => _telemetry.Dispose();

    [Fact]
    public async Task SendAsync_FixedEndpoint_AbsoluteUriOnTheCurrentBaseAddress()
    {
        var factory = new RecordingFactory(new Uri("https://one.example/api/"));
        var http = Http("synqtel", factory);

        await http.SendAsync(HttpMethod.Post, "sendsms", TrackedJsonContent.Create("{}"u8.ToArray()), SmsRequestKind.Send, null, null, CancellationToken.None);
        await http.SendAsync(HttpMethod.Post, "sendsms", TrackedJsonContent.Create("{}"u8.ToArray()), SmsRequestKind.Send, null, null, CancellationToken.None);
        factory.BaseAddress = new Uri("https://two.example/");
        await http.SendAsync(HttpMethod.Post, "sendsms", TrackedJsonContent.Create("{}"u8.ToArray()), SmsRequestKind.Send, null, null, CancellationToken.None);

        Assert.Equal(["https://one.example/api/sendsms", "https://one.example/api/sendsms", "https://two.example/sendsms"], factory.Handler.Uris);
    }

    [Fact]
    public async Task SendAsync_EndpointWithQuery_OperationWithoutTheQuery()
    {
        var factory = new RecordingFactory(new Uri("https://one.example/"));
        var http = Http("synqtel", factory);

        ProviderResponse response = await http.SendAsync(HttpMethod.Get, "mobile?mobile=254722000000&return=json", null, SmsRequestKind.Read, null, null, CancellationToken.None);

        Assert.Equal("mobile", response.State.Operation);
        Assert.Equal("https://one.example/mobile?mobile=254722000000&return=json", Assert.Single(factory.Handler.Uris));
    }

    [Fact]
    public async Task SendAsync_Request_CarriesStateAndAcceptsJson()
    {
        var factory = new RecordingFactory(new Uri("https://one.example/"));
        var http = Http("qserve", factory);

        ProviderResponse response = await http.SendAsync(HttpMethod.Post, "credits", TrackedJsonContent.Create("{}"u8.ToArray()), SmsRequestKind.Read, null, null, CancellationToken.None);

        Assert.Same(response.State, factory.Handler.States.Single());
        Assert.Equal("application/json", Assert.Single(factory.Handler.Accepts));
        Assert.Equal("credits", response.State.Operation);
    }

    [Fact]
    public async Task Read_BodyTheRetryPredicateParsed_MapsThatDocumentAndReleasesIt()
    {
        var factory = new RecordingFactory(new Uri("https://one.example/"));
        var http = Http("synqtel", factory);
        ProviderResponse response = await http.SendAsync(HttpMethod.Post, "sendsms", TrackedJsonContent.Create("{}"u8.ToArray()), SmsRequestKind.Send, null, null, CancellationToken.None);
        JsonDocument parsed = response.State.ParseBody(response.Body);
        JsonElement seen = default;

        string? code = http.Read(response, root =>
        {
            seen = root;
            return root.GetProperty("status_code").GetString();
        });

        Assert.Equal("1000", code);
        Assert.Throws<ObjectDisposedException>(() => parsed.RootElement.ValueKind); // handed over, then disposed by Read
        Assert.Throws<ObjectDisposedException>(() => seen.ValueKind);
        Assert.Null(response.State.TakeParsed(response.Body));
    }

    [Fact]
    public async Task Read_UnreadableBody_InvalidResponseMayHaveBeenSent()
    {
        var factory = new RecordingFactory(new Uri("https://one.example/")) { Body = "<html>" };
        var http = Http("synqtel", factory);
        ProviderResponse response = await http.SendAsync(HttpMethod.Post, "sendsms", TrackedJsonContent.Create("{}"u8.ToArray()), SmsRequestKind.Send, null, null, CancellationToken.None);

        SmsGatewayException ex = Assert.Throws<SmsGatewayException>(() => http.Read(response, static root => root.ValueKind));

        Assert.Equal(SmsErrorCode.InvalidResponse, ex.Error);
        Assert.True(ex.MayHaveBeenSent);
        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
    }

    private ProviderHttp Http(string provider, RecordingFactory factory) => new(provider, "client", factory, NullLogger.Instance, _telemetry);

    private sealed class RecordingFactory(Uri baseAddress) : IHttpClientFactory
    {
        public Uri BaseAddress { get; set; } = baseAddress;

        public string Body { get; init; } = """{"status_code":"1000"}""";

        public RecordingHandler Handler { get; } = new();

        public HttpClient CreateClient(string name)
        {
            Handler.Body = Body;
            return new HttpClient(Handler, disposeHandler: false) { BaseAddress = BaseAddress };
        }
    }

    private sealed class RecordingHandler : HttpMessageHandler
    {
        public string Body { get; set; } = string.Empty;

        public List<string> Uris { get; } = [];

        public List<SmsRequestState?> States { get; } = [];

        public List<string> Accepts { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Uris.Add(request.RequestUri!.AbsoluteUri);
            States.Add(SmsRequestState.Get(request));
            Accepts.AddRange(request.Headers.Accept.Select(static a => a.ToString()));
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(Body) });
        }
    }
}
