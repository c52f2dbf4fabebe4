using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using KenyaSms.Tests.Infrastructure;

namespace KenyaSms.Tests.Resilience;

/// <summary>
/// What the fake providers answer, in the wire formats of the reference docs (the fixtures' shapes):
/// success replies built from the request actually received, and request-level error replies.
/// </summary>
internal static class ProviderReplies
{
    public const string Qserve = "qserve";
    public const string Synqtel = "synqtel";

    public static readonly string[] Names = [Qserve, Synqtel];

    /// <summary>Both providers, for <c>[MemberData(nameof(ProviderReplies.Both), MemberType = typeof(ProviderReplies))]</c>.</summary>
    public static TheoryData<string> Both => [Qserve, Synqtel];

    /// <summary>Every (provider, value) pair.</summary>
    public static TheoryData<string, T> ForBoth<T>(IEnumerable<T> values)
    {
        var data = new TheoryData<string, T>();
        foreach (string provider in Names)
        {
            foreach (T value in values)
            {
                data.Add(provider, value);
            }
        }

        return data;
    }

    /// <summary>A success reply for whatever endpoint <paramref name="request"/> called, accepting every recipient.</summary>
    public static Behavior Success(string provider, RecordedRequest request) => Success(provider, request, static _ => true);

    /// <summary>A success reply accepting the recipients (E.164 or MSISDN, as sent) for which <paramref name="accept"/> is true.</summary>
    public static Behavior Success(string provider, RecordedRequest request, Func<string, bool> accept)
    {
        string endpoint = request.Path.TrimEnd('/').Split('/')[^1];
        return (provider, endpoint) switch
        {
            (Qserve, "sendsms") => Json(QserveSend(request, accept)),
            (Qserve, "credits") => Json("""[{"credits":"345","statusCode":101}]"""),
            (Synqtel, "sendsms") => Json(SynqtelSingle(request, accept)),
            (Synqtel, "sendmultiple") => Json(SynqtelMultiple(request, accept)),
            (Synqtel, "getbalance") => Json("""{"status_code":"1000","status_desc":"Success","credit_balance":"9871"}"""),
            (Synqtel, "mobile") => Json("""{"status_code":"1000","status_desc":"Success","mobile_number":"+254722123456","network_id":"1"}"""),
            _ => Behavior.Respond(404, $"no such endpoint: {endpoint}", "text/plain"),
        };
    }

    /// <summary>A 200 reply carrying a request-level provider status, e.g. Synqtel "1006" or Qserve "X001".</summary>
    public static Behavior Error(string provider, string code) => provider == Qserve
        ? Json($$"""[{"statusCode":"{{code}}","statusMessage":"refused"}]""")
        : Json($$"""{"status_code":"{{code}}","status_desc":"refused","credit_balance":""}""");

    /// <summary>The recipients a send request carried, as sent (Qserve MSISDNs, Synqtel E.164).</summary>
    public static IReadOnlyList<string> Recipients(RecordedRequest request)
    {
        JsonNode body = JsonNode.Parse(request.BodyText)!;
        if (body["phone"] is { } phones)
        {
            return phones.GetValue<string>().Split(',');
        }

        if (body["messages"] is JsonArray messages)
        {
            return [.. messages.Select(m => m!["mobile"]!.GetValue<string>())];
        }

        return body["mobile"] is { } mobile ? [mobile.GetValue<string>()] : [];
    }

    private static Behavior Json(string body) => Behavior.Respond(200, body);

    private static string QserveSend(RecordedRequest request, Func<string, bool> accept)
    {
        var details = new JsonArray();
        foreach (string phone in Recipients(request))
        {
            details.Add(accept(phone)
                ? new JsonObject { ["recipient"] = phone, ["message"] = "x", ["statusCode"] = "Successfully Sent", ["statusMessage"] = 2 }
                : new JsonObject { ["recipient"] = phone, ["message"] = "x", ["statusCode"] = "Failed", ["statusMessage"] = 5 });
        }

        var reply = new JsonObject
        {
            ["recipientsCount"] = details.Count,
            ["statusMessage"] = "Success",
            ["statusCode"] = 101,
            ["Balance"] = 8823,
            ["messageDetails"] = details,
        };
        return new JsonArray(reply).ToJsonString();
    }

    private static string SynqtelSingle(RecordedRequest request, Func<string, bool> accept)
    {
        string mobile = Recipients(request)[0];
        bool ok = accept(mobile);
        return JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["status_code"] = ok ? "1000" : "1003",
            ["status_desc"] = ok ? "Success" : "Invalid mobile number",
            ["message_id"] = ok ? (8738598 + request.Index).ToString(CultureInfo.InvariantCulture) : "0",
            ["mobile_number"] = mobile,
            ["network_id"] = "1",
            ["message_cost"] = ok ? "0.75" : "",
            ["credit_balance"] = "9871",
        });
    }

    private static string SynqtelMultiple(RecordedRequest request, Func<string, bool> accept)
    {
        JsonNode body = JsonNode.Parse(request.BodyText)!;
        var details = new JsonArray();
        int id = 335951830 + (request.Index * 1000);
        foreach (JsonNode? message in body["messages"]!.AsArray())
        {
            string mobile = message!["mobile"]!.GetValue<string>();
            bool ok = accept(mobile);
            details.Add(new JsonObject
            {
                ["message_id"] = ok ? id++ : 0,
                ["client_ref"] = message["client_ref"]!.GetValue<string>(),
                ["mobile"] = mobile,
                ["schedule_status"] = ok ? "1" : "4",
                ["schedule_desc"] = ok ? "Success" : "Invalid mobile number",
                ["network_id"] = "1",
                ["message_cost"] = ok ? 1 : 0,
            });
        }

        return new JsonObject
        {
            ["status_code"] = 1000,
            ["status_desc"] = "Success",
            ["credit_balance"] = "9871",
            ["schedule_details"] = details,
        }.ToJsonString();
    }
}
