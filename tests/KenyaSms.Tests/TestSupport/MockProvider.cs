using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using RichardSzalay.MockHttp;

namespace KenyaSms.Tests.TestSupport;

/// <summary>One request as it reached the MockHttp handler (after our resilience handler, so one per attempt).</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Uri">The absolute request URI.</param>
/// <param name="Headers">Request and content headers, case-insensitive; repeated values joined with ", ".</param>
/// <param name="Body">The body as UTF-8 text ("" when there was none).</param>
internal sealed record SentRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>The body parsed as JSON.</summary>
    public JsonElement Json
    {
        get
        {
            using JsonDocument document = JsonDocument.Parse(Body);
            return document.RootElement.Clone();
        }
    }

    /// <summary>A string property of the JSON body.</summary>
    public string? Field(string name) => Json.GetProperty(name).GetString();

    /// <summary>The property names of the JSON body, in order.</summary>
    public string[] FieldNames => [.. Json.EnumerateObject().Select(p => p.Name)];
}

/// <summary>
/// A provider faked with RichardSzalay.MockHttp: routes by method and path below a base address, records
/// every request (headers and body), and answers anything unrouted with 418 so a stray request is obvious.
/// </summary>
internal sealed class MockProvider
{
    private readonly ConcurrentQueue<SentRequest> _sent = new();

    public MockProvider(Uri baseAddress)
    {
        BaseAddress = baseAddress;
        Http.Fallback.Respond(async request =>
        {
            await RecordAsync(request);
            return Answer(418, "unexpected request: " + request.Method + " " + request.RequestUri);
        });
    }

    public MockHttpMessageHandler Http { get; } = new();

    public Uri BaseAddress { get; }

    /// <summary>Every request received so far (routed or not), in arrival order.</summary>
    public IReadOnlyList<SentRequest> Sent => [.. _sent];

    /// <summary>Answers <paramref name="method"/> <paramref name="path"/> (relative to the base address, any query) with what <paramref name="answer"/> returns.</summary>
    public MockedRequest On(HttpMethod method, string path, Func<SentRequest, (int Status, string Body)> answer)
    {
        string expected = new Uri(BaseAddress, path).AbsolutePath;
        var route = new MockedRequest();
        route.With(r => r.Method == method && r.RequestUri!.AbsolutePath == expected);
        route.Respond(async request =>
        {
            SentRequest sent = await RecordAsync(request);
            (int status, string body) = answer(sent);
            return Answer(status, body);
        });
        Http.AddBackendDefinition(route);
        return route;
    }

    /// <summary>Answers every matching request with the same status and body.</summary>
    public MockedRequest On(HttpMethod method, string path, string body, int status = 200) => On(method, path, _ => (status, body));

    /// <summary>Answers matching requests with <paramref name="bodies"/> in turn (200 each), repeating the last one.</summary>
    public MockedRequest OnSequence(HttpMethod method, string path, params string[] bodies)
    {
        int next = -1;
        return On(method, path, _ => (200, bodies[Math.Min(Interlocked.Increment(ref next), bodies.Length - 1)]));
    }

    /// <summary>How many requests <paramref name="route"/> answered.</summary>
    public int Count(MockedRequest route) => Http.GetMatchCount(route);

    private static HttpResponseMessage Answer(int status, string body) => new((HttpStatusCode)status)
    {
        Content = new StringContent(body, Encoding.UTF8, body.StartsWith('<') ? "text/html" : "application/json"),
    };

    private async Task<SentRequest> RecordAsync(HttpRequestMessage request)
    {
        string body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync();
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (KeyValuePair<string, IEnumerable<string>> header in request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>()))
        {
            headers[header.Key] = string.Join(", ", header.Value);
        }

        var sent = new SentRequest(request.Method, request.RequestUri!, headers, body);
        _sent.Enqueue(sent);
        return sent;
    }
}
