using System.Text.Json;
using System.Text.Json.Nodes;

namespace KenyaSms.Tests.TestSupport;

/// <summary>
/// Provider answers built from the request they answer, in the shapes of the reference docs. Options let a
/// test reorder the per-recipient details, echo numbers in another format, leave some out or change a status.
/// </summary>
internal static class FakeReplies
{
    /// <summary>The comma-joined MSISDNs of a 254sms sendsms body.</summary>
    public static string[] QservePhones(string requestBody)
    {
        using JsonDocument body = JsonDocument.Parse(requestBody);
        return body.RootElement.GetProperty("phone").GetString()!.Split(',');
    }

    /// <summary>The E.164 numbers of a Synqtel sendsms or sendmultiple body.</summary>
    public static string[] SynqtelMobiles(string requestBody)
    {
        using JsonDocument body = JsonDocument.Parse(requestBody);
        return body.RootElement.TryGetProperty("messages", out JsonElement messages)
            ? [.. messages.EnumerateArray().Select(m => m.GetProperty("mobile").GetString()!)]
            : [body.RootElement.GetProperty("mobile").GetString()!];
    }

    /// <summary>
    /// A 254sms sendsms success like the reference's (one-element array, messageDetails with statusCode
    /// "Successfully Sent" and statusMessage 2, Balance 8823) for the numbers of <paramref name="requestBody"/>.
    /// </summary>
    public static string Qserve(string requestBody, bool reverse = false, Func<string, string>? recipient = null, Func<string, bool>? omit = null, Func<string, string>? status = null)
    {
        string[] phones = QservePhones(requestBody);
        var details = new JsonArray();
        foreach (string phone in reverse ? phones.Reverse() : phones)
        {
            if (omit?.Invoke(phone) != true)
            {
                details.Add(new JsonObject
                {
                    ["recipient"] = recipient?.Invoke(phone) ?? phone,
                    ["message"] = "text",
                    ["statusCode"] = "Successfully Sent",
                    ["statusMessage"] = status?.Invoke(phone) ?? "2",
                });
            }
        }

        return new JsonArray(new JsonObject
        {
            ["recipientsCount"] = phones.Length,
            ["statusMessage"] = "Success",
            ["statusCode"] = 101,
            ["Balance"] = 8823,
            ["messageDetails"] = details,
        }).ToJsonString();
    }

    /// <summary>
    /// A Synqtel sendmultiple success like the reference's, one schedule_details entry per message with
    /// message_id "mid-{client_ref}" (so a test can tell which input each result came from). The top-level
    /// status_code is 1000 unless <paramref name="topStatus"/> says otherwise.
    /// </summary>
    public static string SynqtelMultiple(string requestBody, bool reverse = false, Func<string, string>? mobile = null, Func<string, bool>? omit = null, Func<string, string>? status = null, int topStatus = 1000)
    {
        using JsonDocument request = JsonDocument.Parse(requestBody);
        IEnumerable<JsonElement> messages = request.RootElement.GetProperty("messages").EnumerateArray();
        var details = new JsonArray();
        foreach (JsonElement m in reverse ? messages.Reverse() : messages)
        {
            string number = m.GetProperty("mobile").GetString()!;
            string clientRef = m.GetProperty("client_ref").GetString()!;
            if (omit?.Invoke(number) != true)
            {
                details.Add(new JsonObject
                {
                    ["message_id"] = "mid-" + clientRef,
                    ["client_ref"] = clientRef,
                    ["mobile"] = mobile?.Invoke(number) ?? number,
                    ["schedule_status"] = status?.Invoke(number) ?? "1",
                    ["schedule_desc"] = "Success",
                    ["network_id"] = "1",
                    ["message_cost"] = 1,
                });
            }
        }

        return new JsonObject
        {
            ["status_code"] = topStatus,
            ["status_desc"] = topStatus == 1000 ? "Success" : "Refused",
            ["credit_balance"] = "500.0000",
            ["schedule_details"] = details,
        }.ToJsonString();
    }

    /// <summary>A Synqtel success for whichever endpoint <paramref name="request"/> went to.</summary>
    public static string Synqtel(SentRequest request) => request.Uri.AbsolutePath.EndsWith("/sendsms", StringComparison.Ordinal)
        ? Infrastructure.TestPaths.Fixture("Synqtel/sendsms-success.json")
        : SynqtelMultiple(request.Body);
}
