using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace KenyaSms.Samples.ConsoleApp;

/// <summary>
/// A tiny loopback stand-in for both gateways, answering in the shapes of their reference docs, so the
/// sample runs without an account. (The full simulator, with faults and delivery reports, replaces it.)
/// </summary>
internal sealed class LocalStandIn : IAsyncDisposable
{
    public const string QserveUsername = "sample-user";
    public const string QserveApiKey = "sample-qserve-key";
    public const string SynqtelApiKey = "sample-synqtel-key-0123456789abcdef0123456789abcdef0123456789abcdef0123";

    private readonly WebApplication _app;
    private int _credits = 10_000;
    private int _nextMessageId = 8_738_598;

    private LocalStandIn(WebApplication app) => _app = app;

    public Uri QserveBaseAddress { get; private set; } = null!;

    public Uri SynqtelBaseAddress { get; private set; } = null!;

    public static async Task<LocalStandIn> StartAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        WebApplication app = builder.Build();
        var standIn = new LocalStandIn(app);
        app.MapPost("/version1/sendsms", standIn.QserveSendAsync);
        app.MapPost("/version1/credits", standIn.QserveCreditsAsync);
        app.MapPost("/sms/sendsms", standIn.SynqtelSendAsync);
        app.MapPost("/sms/sendmultiple", standIn.SynqtelSendMultipleAsync);
        app.MapGet("/sms/getbalance", standIn.SynqtelBalance);
        await app.StartAsync();
        string root = app.Urls.First().TrimEnd('/');
        standIn.QserveBaseAddress = new Uri(root + "/version1/");
        standIn.SynqtelBaseAddress = new Uri(root + "/sms/");
        return standIn;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<IResult> QserveSendAsync(HttpRequest request)
    {
        JsonNode? body = await JsonNode.ParseAsync(request.Body);
        if ((string?)body?["username"] != QserveUsername || (string?)body?["api_key"] != QserveApiKey)
        {
            return Results.Json(new[] { new { statusCode = "X001", statusMessage = "Unknown or unvalid secret_key" } });
        }

        string[] phones = ((string?)body!["phone"] ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries);
        string message = (string?)body["message"] ?? string.Empty;
        Interlocked.Add(ref _credits, -phones.Length * SmsSegmentation.Analyze(message).Segments);
        var details = phones.Select(p => new { recipient = p, message, statusCode = "Successfully Sent", statusMessage = 2 });
        return Results.Json(new[] { new { recipientsCount = phones.Length, statusMessage = "Success", statusCode = 101, Balance = _credits, messageDetails = details } });
    }

    private async Task<IResult> QserveCreditsAsync(HttpRequest request)
    {
        JsonNode? body = await JsonNode.ParseAsync(request.Body);
        return (string?)body?["api_key"] == QserveApiKey
            ? Results.Json(new[] { new { credits = _credits.ToString(System.Globalization.CultureInfo.InvariantCulture), statusCode = 101 } })
            : Results.Json(new[] { new { statusCode = "X001", statusMessage = "Unknown or unvalid secret_key" } });
    }

    private async Task<IResult> SynqtelSendAsync(HttpRequest request)
    {
        if (request.Headers["h_api_key"] != SynqtelApiKey)
        {
            return Results.Json(new[] { new { status_code = "1006", status_desc = "Invalid credentials" } });
        }

        JsonNode? body = await JsonNode.ParseAsync(request.Body);
        string mobile = (string?)body?["mobile"] ?? string.Empty;
        Interlocked.Add(ref _credits, -SmsSegmentation.Analyze((string?)body?["message"] ?? string.Empty).Segments);
        return Results.Json(new[]
        {
            new { status_code = "1000", status_desc = "Success", message_id = Interlocked.Increment(ref _nextMessageId), mobile_number = mobile, network_id = "1", message_cost = "0.75", credit_balance = _credits.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        });
    }

    private async Task<IResult> SynqtelSendMultipleAsync(HttpRequest request)
    {
        if (request.Headers["h_api_key"] != SynqtelApiKey)
        {
            return Results.Json(new { status_code = 1006, status_desc = "Invalid credentials" });
        }

        JsonNode? body = await JsonNode.ParseAsync(request.Body);
        var details = new List<object>();
        foreach (JsonNode? m in body?["messages"]?.AsArray() ?? [])
        {
            Interlocked.Add(ref _credits, -SmsSegmentation.Analyze((string?)m?["message"] ?? string.Empty).Segments);
            details.Add(new
            {
                message_id = Interlocked.Increment(ref _nextMessageId),
                client_ref = m?["client_ref"]?.DeepClone(),
                mobile = ((string?)m?["mobile"] ?? string.Empty).TrimStart('+'),
                schedule_status = "1",
                schedule_desc = "Success",
                network_id = "1",
                message_cost = 1,
            });
        }

        return Results.Json(new { status_code = 1000, status_desc = "Success", credit_balance = _credits.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture), schedule_details = details });
    }

    private IResult SynqtelBalance(HttpRequest request) =>
        request.Headers["h_api_key"] == SynqtelApiKey
            ? Results.Json(new[] { new { status_code = "1000", status_desc = "Success", credit_balance = _credits.ToString(System.Globalization.CultureInfo.InvariantCulture) } })
            : Results.Json(new[] { new { status_code = "1006", status_desc = "Invalid credentials" } });
}
