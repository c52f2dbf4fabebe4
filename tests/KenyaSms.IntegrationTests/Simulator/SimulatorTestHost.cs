using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using KenyaSms.Simulator;
using KenyaSms.Tests.Infrastructure;

namespace KenyaSms.IntegrationTests.Simulator;

/// <summary>
/// A simulator plus a plain HttpClient that talks to it the way the reference docs' curl examples do
/// (same bodies, same headers). One per test; dispose it.
/// </summary>
public sealed class SimulatorTestHost : IAsyncDisposable
{
    private SimulatorTestHost(SmsSimulator simulator)
    {
        Sim = simulator;
        Http = new HttpClient { BaseAddress = simulator.BaseAddress };
    }

    public SmsSimulator Sim { get; }

    public HttpClient Http { get; }

    public static async Task<SimulatorTestHost> StartAsync(Action<SmsSimulatorOptions>? configure = null)
    {
        var options = new SmsSimulatorOptions { DeliveryReportDelay = TimeSpan.Zero };
        configure?.Invoke(options);
        return new SimulatorTestHost(await SmsSimulator.StartAsync(options));
    }

    /// <summary>POST version1/{endpoint} with a JSON body and only <c>Content-Type:application/json</c>, like the PHP examples.</summary>
    public Task<Reply> QserveAsync(string endpoint, string json, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, "version1/" + endpoint, json, headers: [], ct: ct);

    /// <summary>A Synqtel request with the <c>h_api_key</c> header (the simulator's key unless <paramref name="apiKey"/> says otherwise; null sends none).</summary>
    public Task<Reply> SynqtelAsync(HttpMethod method, string endpointAndQuery, string? json, string? apiKey = "", string contentType = "application/json", CancellationToken ct = default)
    {
        string? key = apiKey == "" ? Sim.SynqtelApiKey : apiKey;
        return SendAsync(method, "sms/" + endpointAndQuery, json, key is null ? [] : [("h_api_key", key)], contentType, ct);
    }

    public Task<Reply> SynqtelSendAsync(string json, CancellationToken ct = default) => SynqtelAsync(HttpMethod.Post, "sendsms", json, ct: ct);

    public Task<Reply> ControlAsync(HttpMethod method, string path, string? json = null) =>
        SendAsync(method, "_simulator/" + path, json, headers: []);

    public Task<Reply> SendAsync(HttpMethod method, string path, string? body, (string Name, string Value)[] headers, string contentType = "application/json", CancellationToken ct = default) =>
        SendBytesAsync(method, path, body is null ? null : Encoding.UTF8.GetBytes(body), headers, contentType, ct);

    /// <summary>Sends raw body bytes (invalid UTF-8 and the like).</summary>
    public async Task<Reply> SendBytesAsync(HttpMethod method, string path, byte[]? body, (string Name, string Value)[] headers, string contentType = "application/json", CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(method, path);
        foreach ((string name, string value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        using HttpResponseMessage response = await Http.SendAsync(request, ct);
        return new Reply((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync(ct), response.Headers);
    }

    /// <summary>No message in the ledger and the provider's default 10,000 credits untouched.</summary>
    public void AssertNothingAccepted(SimulatorProvider provider)
    {
        Assert.Empty(Sim.Ledger.Messages);
        Assert.Equal(10_000, Sim.GetCredits(provider));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Sim.DisposeAsync();
    }
}

/// <summary>An HTTP answer read in full.</summary>
public sealed record Reply(int Status, string? ContentType, string Body, HttpResponseHeaders Headers)
{
    public JsonElement Json
    {
        get
        {
            using JsonDocument document = JsonDocument.Parse(Body);
            return document.RootElement.Clone();
        }
    }

    /// <summary>The one object of a one-element array, or the object itself.</summary>
    public JsonElement Root => Json.ValueKind == JsonValueKind.Array ? Assert.Single(Json.EnumerateArray()) : Json;

    /// <summary>A field of <see cref="Root"/> as text (string value, or a number's digits).</summary>
    public string Field(string name) => Text(Root.GetProperty(name));

    public static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}

/// <summary>
/// The structure of a JSON value: field names in order and value kinds, values left out, e.g.
/// <c>[{status_code:string,message_id:number}]</c>. Two bodies with the same shape differ only in values.
/// </summary>
public static class JsonShape
{
    private static readonly JsonDocumentOptions Lenient = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static string Of(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json, Lenient);
        return Of(document.RootElement);
    }

    /// <summary>The shape of a reference fixture from tests/KenyaSms.Tests/Fixtures, e.g. "Synqtel/sendsms-success.json".</summary>
    public static string OfFixture(string relative) => Of(TestPaths.Fixture(relative));

    public static string Of(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "{" + string.Join(",", value.EnumerateObject().Select(p => p.Name + ":" + Of(p.Value))) + "}",
        JsonValueKind.Array => "[" + string.Join(",", value.EnumerateArray().Select(Of)) + "]",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        _ => value.ValueKind.ToString().ToLowerInvariant(),
    };
}
