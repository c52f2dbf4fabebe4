using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using KenyaSms.Simulator.Internal;
using Microsoft.Extensions.Primitives;

namespace KenyaSms.Simulator.Synqtel;

/// <summary>
/// Synqtel: <c>POST /sms/sendsms</c>, <c>POST /sms/sendmultiple</c>, <c>GET /sms/mobile</c>, <c>GET /sms/getbalance</c>,
/// authenticated by the <c>h_api_key</c> header, answering with the reference's status codes 1000-1014.
/// </summary>
internal sealed class SynqtelApi : ProviderApi
{
    private const string ApiKeyHeader = "h_api_key";

    // "max 920 characters or 6 SMS units".
    private const int MaxCharacters = 920;
    private const int MaxSegments = 6;

    public SynqtelApi(SimulatorState state)
        : base(
            state,
            SimulatorProvider.Synqtel,
            "/sms",
            malformedBody: """[{"status_code": "1000" "status_desc": "Success"}]"""u8.ToArray(),
            unprocessedTruncationSource: """[{"status_code":"1000","status_desc":"Success","message_id":0,"credit_balance":"0"}]"""u8.ToArray())
    {
    }

    public override ProviderReply Handle(IncomingRequest request)
    {
        string endpoint = request.Endpoint;
        string? method = endpoint switch
        {
            Endpoints.SendSms or Endpoints.SendMultiple => HttpMethods.Post,
            Endpoints.Mobile or Endpoints.GetBalance => HttpMethods.Get,
            _ => null,
        };
        if (method is null || !HttpMethods.Equals(method, request.Method))
        {
            return SynqtelReplies.Error(string.Empty, SynqtelCodes.RequestTypeNotSupported);
        }

        string key = request.Headers[ApiKeyHeader].ToString();
        if (key.Length == 0)
        {
            return SynqtelReplies.Error(endpoint, SynqtelCodes.InvalidCredentials);
        }

        if (key != State.SynqtelApiKey)
        {
            return SynqtelReplies.Error(endpoint, SynqtelCodes.InvalidApiKey);
        }

        if (State.SynqtelAccountSuspended)
        {
            return SynqtelReplies.Error(endpoint, SynqtelCodes.Suspended);
        }

        if (method == HttpMethods.Post && !IsJson(request.Headers.ContentType))
        {
            return SynqtelReplies.Error(endpoint, SynqtelCodes.DataTypeNotSupported);
        }

        return endpoint switch
        {
            Endpoints.SendSms => WithJsonBody(request, body => SendSms(request, body)),
            Endpoints.SendMultiple => WithJsonBody(request, body => SendMultiple(request, body)),
            Endpoints.Mobile => Mobile(request),
            _ => GetBalance(request),
        };
    }

    public override ProviderReply Refusal(IncomingRequest request, string code) =>
        SynqtelReplies.Error(request.Endpoint, code, int.TryParse(code, CultureInfo.InvariantCulture, out int number) ? SynqtelCodes.Description(number) : "Error");

    public override ProviderReply InternalError() => SynqtelReplies.Error(string.Empty, SynqtelCodes.InternalError);

    private static bool IsJson(StringValues contentType) =>
        MediaTypeHeaderValue.TryParse(contentType.ToString(), out MediaTypeHeaderValue? type)
        && string.Equals(type.MediaType, ProviderReply.JsonType, StringComparison.OrdinalIgnoreCase);

    private static bool TooLong(string text, int segments) => text.Length > MaxCharacters || segments > MaxSegments;

    /// <summary>Runs <paramref name="handle"/> on the body's JSON object; 1009 when the body is not one.</summary>
    private static ProviderReply WithJsonBody(IncomingRequest request, Func<JsonElement, ProviderReply> handle)
    {
        if (!RequestJson.TryParseObject(request.Body, out JsonDocument? document))
        {
            return SynqtelReplies.Error(request.Endpoint, SynqtelCodes.DataTypeNotSupported);
        }

        using (document)
        {
            return handle(document!.RootElement);
        }
    }

    private ProviderReply SendSms(IncomingRequest request, JsonElement body)
    {
        const string Endpoint = Endpoints.SendSms;
        string? mobile = RequestJson.Text(body, "mobile");
        string? sender = RequestJson.Text(body, "sender_name");
        string? message = RequestJson.Text(body, "message");
        bool? plain = ResponseType(body);
        if (mobile is null || sender is null || message is null || plain is null || !RequestJson.TryInteger(body, "service_id", out _))
        {
            return SynqtelReplies.Error(Endpoint, SynqtelCodes.DataTypeNotSupported, mobile);
        }

        if (!State.IsSenderAllowed(sender))
        {
            return SynqtelReplies.Error(Endpoint, SynqtelCodes.InvalidShortCode, mobile);
        }

        int segments = SmsSegmentation.Analyze(message).Segments;
        int code = Check(mobile, message, segments, out PhoneNumber number);
        if (code == SynqtelCodes.Success && !State.TryCharge(Provider, segments))
        {
            code = SynqtelCodes.LowCredits;
        }

        if (code != SynqtelCodes.Success)
        {
            return SynqtelReplies.Error(Endpoint, code, mobile);
        }

        SimulatorMessage accepted = State.Accept(Provider, request.Ticket, number, message, sender, clientReference: null, segments);
        return plain.Value
            ? ProviderReply.Text(accepted.MessageId)
            : SynqtelReplies.SendSms(long.Parse(accepted.MessageId, CultureInfo.InvariantCulture), mobile, Formats.NetworkId(number.Network), segments, State.GetCredits(Provider));
    }

    private ProviderReply SendMultiple(IncomingRequest request, JsonElement body)
    {
        const string Endpoint = Endpoints.SendMultiple;
        string? sender = RequestJson.Text(body, "shortcode");
        if (sender is null || !RequestJson.TryInteger(body, "serviceId", out _) || !TryReadEntries(body, out List<(string Mobile, string Message, string? ClientRef)> entries))
        {
            return SynqtelReplies.Error(Endpoint, SynqtelCodes.DataTypeNotSupported);
        }

        if (!State.IsSenderAllowed(sender))
        {
            return SynqtelReplies.Error(Endpoint, SynqtelCodes.InvalidShortCode);
        }

        // Judge every entry first; the balance must cover all the good ones, or none is sent.
        var checks = new (int Code, PhoneNumber Number, int Segments)[entries.Count];
        long cost = 0;
        for (int i = 0; i < entries.Count; i++)
        {
            int segments = SmsSegmentation.Analyze(entries[i].Message).Segments;
            int code = Check(entries[i].Mobile, entries[i].Message, segments, out PhoneNumber number);
            checks[i] = (code, number, segments);
            cost += code == SynqtelCodes.Success ? segments : 0;
        }

        if (!State.TryCharge(Provider, cost))
        {
            return SynqtelReplies.Error(Endpoint, SynqtelCodes.LowCredits);
        }

        var details = new List<SynqtelScheduleEntry>(entries.Count);
        for (int i = 0; i < entries.Count; i++)
        {
            (string mobile, string message, string? clientRef) = entries[i];
            (int code, PhoneNumber number, int segments) = checks[i];
            if (code != SynqtelCodes.Success)
            {
                details.Add(new SynqtelScheduleEntry(0, clientRef, mobile, code, string.Empty, 0));
                continue;
            }

            string? reference = clientRef is null ? null : ClientRefText(clientRef);
            SimulatorMessage accepted = State.Accept(Provider, request.Ticket, number, message, sender, reference, segments);
            details.Add(new SynqtelScheduleEntry(long.Parse(accepted.MessageId, CultureInfo.InvariantCulture), clientRef, mobile, code, Formats.NetworkId(number.Network), segments));
        }

        return SynqtelReplies.SendMultiple(State.GetCredits(Provider), details);
    }

    private static ProviderReply Mobile(IncomingRequest request)
    {
        string? mobile = request.Query["mobile"].ToString();
        if (string.IsNullOrWhiteSpace(mobile))
        {
            return SynqtelReplies.Error(Endpoints.Mobile, SynqtelCodes.DataTypeNotSupported);
        }

        if (!PhoneNumber.TryParse(mobile, out PhoneNumber number))
        {
            return SynqtelReplies.Error(Endpoints.Mobile, SynqtelCodes.InvalidMobile, mobile);
        }

        // "return": "json" or "mobile number only"; absent means json, like response_type elsewhere.
        string returns = request.Query["return"].ToString();
        return returns.Length == 0 || returns.Equals("json", StringComparison.OrdinalIgnoreCase)
            ? SynqtelReplies.Lookup(number)
            : ProviderReply.Text(number.Msisdn);
    }

    private ProviderReply GetBalance(IncomingRequest request)
    {
        // The reference sends GET with a JSON body; a query string response_type is read too, and no body at all is json.
        bool plain = request.Query["response_type"].ToString().Equals("plain", StringComparison.OrdinalIgnoreCase);
        if (request.Body.Length > 0)
        {
            if (!RequestJson.TryParseObject(request.Body, out JsonDocument? document))
            {
                return SynqtelReplies.Error(Endpoints.GetBalance, SynqtelCodes.DataTypeNotSupported);
            }

            using (document)
            {
                if (ResponseType(document!.RootElement) is not { } bodyPlain)
                {
                    return SynqtelReplies.Error(Endpoints.GetBalance, SynqtelCodes.DataTypeNotSupported);
                }

                plain |= bodyPlain;
            }
        }

        long balance = State.GetCredits(Provider);
        return plain ? ProviderReply.Text(Formats.Integer(balance)) : SynqtelReplies.Balance(balance);
    }

    /// <summary>The per-recipient checks, in the order a gateway would make them; <see cref="SynqtelCodes.Success"/> when all pass.</summary>
    private int Check(string mobile, string message, int segments, out PhoneNumber number)
    {
        if (!PhoneNumber.TryParse(mobile, out number))
        {
            return SynqtelCodes.InvalidMobile;
        }

        return TooLong(message, segments) ? SynqtelCodes.DataTypeNotSupported
            : State.IsBlocked(number) ? SynqtelCodes.NetworkNotAllowed
            : State.IsDnd(number) ? SynqtelCodes.Dnd
            : SynqtelCodes.Success;
    }

    /// <summary>True for plain, false for json (also when absent), null for anything else.</summary>
    private static bool? ResponseType(JsonElement body)
    {
        if (!body.TryGetProperty("response_type", out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return false;
        }

        string? text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        return text?.ToUpperInvariant() switch
        {
            "JSON" => false,
            "PLAIN" => true,
            _ => null,
        };
    }

    private static bool TryReadEntries(JsonElement body, out List<(string Mobile, string Message, string? ClientRef)> entries)
    {
        entries = [];
        if (!body.TryGetProperty("messages", out JsonElement messages) || messages.ValueKind != JsonValueKind.Array || messages.GetArrayLength() == 0)
        {
            return false;
        }

        foreach (JsonElement item in messages.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object
                || RequestJson.Text(item, "mobile") is not { } mobile
                || RequestJson.Text(item, "message") is not { } message
                || RequestJson.IsPresentButNotScalar(item, "client_ref"))
            {
                return false;
            }

            string? clientRef = item.TryGetProperty("client_ref", out JsonElement reference) && reference.ValueKind != JsonValueKind.Null
                ? reference.GetRawText()
                : null;
            entries.Add((mobile, message, clientRef));
        }

        return true;
    }

    private static string ClientRefText(string rawJson)
    {
        using JsonDocument document = JsonDocument.Parse(rawJson);
        return document.RootElement.ValueKind == JsonValueKind.String ? document.RootElement.GetString()! : rawJson;
    }
}
