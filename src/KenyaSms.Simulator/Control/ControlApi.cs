using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace KenyaSms.Simulator.Control;

/// <summary>
/// <c>/_simulator/...</c>: the ledger, faults, credits and reset over HTTP, for a simulator run standalone
/// (the same app serves it in-process too).
/// </summary>
internal static class ControlApi
{
    public const string Prefix = "/_simulator";

    public static void Map(IEndpointRouteBuilder app, SmsSimulator simulator)
    {
        SimulatorJsonContext json = SimulatorJsonContext.Default;
        app.MapGet(Prefix + "/messages", context => WriteAsync(context, 200, simulator.Ledger.Messages, json.IReadOnlyListSimulatorMessage));
        app.MapGet(Prefix + "/requests", context => WriteAsync(context, 200, simulator.Ledger.Requests, json.IReadOnlyListSimulatorRequest));
        app.MapGet(Prefix + "/delivery-reports", context => WriteAsync(context, 200, simulator.Ledger.DeliveryReports, json.IReadOnlyListSimulatorDeliveryReport));
        app.MapGet(Prefix + "/faults", context => WriteAsync(context, 200, Faults(simulator), json.IReadOnlyListFaultView));
        app.MapPost(Prefix + "/faults", context => AddFaultAsync(context, simulator));
        app.MapDelete(Prefix + "/faults", context =>
        {
            simulator.Faults.Clear();
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        });
        app.MapPost(Prefix + "/reset", context =>
        {
            simulator.Reset();
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        });
        app.MapGet(Prefix + "/credits", context => WriteAsync(context, 200, Credits(simulator), json.DictionaryStringDecimal));
        app.MapPut(Prefix + "/credits/{provider}", context => SetCreditsAsync(context, simulator));
        app.Map(Prefix + "/{**rest}", context => ErrorAsync(context, 404,
            "Unknown control endpoint. Try GET messages, requests, delivery-reports, faults, credits; POST faults, reset; DELETE faults; PUT credits/{provider}."));
    }

    private static async Task AddFaultAsync(HttpContext context, SmsSimulator simulator)
    {
        (FaultSpec? spec, string? problem) = await ReadAsync(context, SimulatorJsonContext.Default.FaultSpec, "The body is not a fault").ConfigureAwait(false);
        if (spec is null || FaultSpecReader.Read(spec, out problem) is not { } rule)
        {
            await ErrorAsync(context, 400, problem ?? "The body is not a fault.").ConfigureAwait(false);
            return;
        }

        try
        {
            if (rule.Percent is { } percent)
            {
                simulator.Faults.InjectPercentage(rule.Provider, rule.Endpoint, rule.Fault, percent, rule.Seed);
            }
            else
            {
                simulator.Faults.Inject(rule.Provider, rule.Endpoint, rule.Fault, rule.Count);
            }
        }
        catch (ArgumentException e)
        {
            await ErrorAsync(context, 400, e.Message).ConfigureAwait(false);
            return;
        }

        await WriteAsync(context, 201, Faults(simulator), SimulatorJsonContext.Default.IReadOnlyListFaultView).ConfigureAwait(false);
    }

    private static async Task SetCreditsAsync(HttpContext context, SmsSimulator simulator)
    {
        if (!FaultSpecReader.TryProvider(context.Request.RouteValues["provider"] as string, out SimulatorProvider provider))
        {
            await ErrorAsync(context, 404, "The provider is qserve, synqtel or africastalking.").ConfigureAwait(false);
            return;
        }

        (CreditsUpdate? update, string? problem) = await ReadAsync(context, SimulatorJsonContext.Default.CreditsUpdate, "Expected {\"credits\": 500}").ConfigureAwait(false);
        if (update?.Credits is not { } credits)
        {
            await ErrorAsync(context, 400, problem ?? "Expected {\"credits\": 500}.").ConfigureAwait(false);
            return;
        }

        try
        {
            simulator.SetBalance(provider, credits);
        }
        catch (ArgumentException e)
        {
            await ErrorAsync(context, 400, e.Message).ConfigureAwait(false);
            return;
        }

        await WriteAsync(context, 200, Credits(simulator), SimulatorJsonContext.Default.DictionaryStringDecimal).ConfigureAwait(false);
    }

    /// <summary>The body as <typeparamref name="T"/>, or null and why not.</summary>
    private static async Task<(T? Value, string? Problem)> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> type, string expected)
        where T : class
    {
        try
        {
            return (await JsonSerializer.DeserializeAsync(context.Request.Body, type, context.RequestAborted).ConfigureAwait(false), null);
        }
        catch (JsonException e)
        {
            return (null, $"{expected}: {Explain(e, type)}");
        }
    }

    // System.Text.Json speaks of .NET members and types ("could not be mapped to any .NET member contained in type
    // 'KenyaSms.Simulator.Control.FaultSpec'"): say it in the API's own words, listing the fields it takes.
    private static string Explain(JsonException e, JsonTypeInfo type)
    {
        string fields = string.Join(", ", type.Properties.Select(p => p.Name));
        string? field = e.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
        if (e.Message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            int start = e.Message.IndexOf('\'', StringComparison.Ordinal);
            int end = start < 0 ? -1 : e.Message.IndexOf('\'', start + 1);
            string name = end > start ? e.Message[(start + 1)..end] : field ?? "?";
            return $"unknown field '{name}'. The fields are: {fields}.";
        }

        return field is not null && type.Properties.Any(p => string.Equals(p.Name, field, StringComparison.OrdinalIgnoreCase))
            ? $"the value of '{field}' has the wrong type (see the README for each field). The fields are: {fields}."
            : $"not valid JSON ({(e.LineNumber is { } line ? $"line {line + 1}, position {e.BytePositionInLine + 1}" : "at the start")}). The fields are: {fields}.";
    }

    private static List<FaultView> Faults(SmsSimulator simulator) =>
        [.. simulator.Faults.Snapshot().Select(r => new FaultView(r.Provider, r.Endpoint, r.Fault.ToString(), r.Percent is null ? r.Remaining : null, r.Percent))];

    // Credits for 254sms and Synqtel; KES for Africa's Talking, whose balance is money.
    private static Dictionary<string, decimal> Credits(SmsSimulator simulator) => new()
    {
        ["qserve"] = simulator.GetBalance(SimulatorProvider.Qserve),
        ["synqtel"] = simulator.GetBalance(SimulatorProvider.Synqtel),
        ["africastalking"] = simulator.GetBalance(SimulatorProvider.AfricasTalking),
    };

    private static Task ErrorAsync(HttpContext context, int status, string error) =>
        WriteAsync(context, status, new ControlError(error), SimulatorJsonContext.Default.ControlError);

    private static async Task WriteAsync<T>(HttpContext context, int status, T value, JsonTypeInfo<T> type)
    {
        // Indented, with +254... and quotes written as they are: people read these answers.
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            JsonSerializer.Serialize(writer, value, type);
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = buffer.Length;
        await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted).ConfigureAwait(false);
    }
}
