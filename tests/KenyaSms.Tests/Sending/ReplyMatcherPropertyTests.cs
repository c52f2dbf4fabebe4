using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using KenyaSms.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace KenyaSms.Tests.Sending;

// The reply matching (ReplyMatcher, and the in-order fast path before it) as properties, end to end through the
// adapters: whatever the provider's reply does with the request's entries (any order, an entry twice with different
// statuses, entries left out, numbers echoed in another form, numbers nobody asked for), every requested recipient
// gets exactly one outcome, in input order; the first reply entry for a recipient decides it; and no recipient is
// reported accepted unless the reply said so for its number (Qserve echoes numbers only; Synqtel numbers and client
// references). CsCheck shrinks a failing case (fewer recipients, fewer reply entries) and prints its seed.
public sealed class ReplyMatcherPropertyTests
{
    private const int Cases = 300;

    // 9-digit national numbers in mobile ranges, distinct per case.
    private static readonly Gen<int> Nsn = Gen.Int[0, 999_999].Select(Gen.OneOf(722, 733, 110, 745, 799, 701), (rest, prefix) => (prefix * 1_000_000) + rest);

    private static readonly Gen<Form> Forms = Gen.Enum<Form>();

    // What the reply says: per entry, which requested entry it speaks for (taken modulo the request's count) or a
    // stranger, the form its number is echoed in, and whether it reports the message accepted.
    private static readonly Gen<ReplyEntry> Entry = Gen.Select(Gen.Int[0, 7], Gen.Frequency((9, Gen.Const(false)), (1, Gen.Const(true))), Forms, Gen.Bool,
        (target, stranger, form, accepted) => new ReplyEntry(stranger ? null : target, form, accepted));

    private static readonly Gen<Case> Cases_ = Gen.Select(Nsn.ArrayUnique[1, 6], Forms.Array[6], Entry.Array[0, 10], Gen.Int[1_000_000, 9_999_999],
        (numbers, forms, entries, stranger) => new Case([.. numbers.Select((n, i) => Format(n, forms[i]))], entries, stranger));

    private enum Form
    {
        National,
        E164,
        Msisdn,
        Nsn,
        Spaced,
    }

    [Fact]
    public async Task Qserve_AnyReplyOrderDuplicatesAndGaps_OneOutcomePerRecipientInOrderAcceptedOnlyWhenTheReplySaysSo()
    {
        var plan = new Plan();
        MockProvider mock = AdapterHost.QserveMock();
        mock.On(HttpMethod.Post, "sendsms", r => (200, plan.Qserve(r.Body)));
        await using ServiceProvider services = AdapterHost.Qserve(mock);
        ISmsGateway gateway = services.GetRequiredKeyedService<ISmsGateway>("qserve");

        await Cases_.SampleAsync(c => RunAsync(gateway, plan, c), iter: Cases, threads: 1, print: c => c.ToString());
    }

    [Fact]
    public async Task Synqtel_AnyReplyOrderDuplicatesAndGaps_OneOutcomePerRecipientInOrderAcceptedOnlyWhenTheReplySaysSo()
    {
        var plan = new Plan();
        MockProvider mock = AdapterHost.SynqtelMock();
        mock.On(HttpMethod.Post, "sendmultiple", r => (200, plan.Synqtel(r.Body)));
        await using ServiceProvider services = AdapterHost.Synqtel(mock);
        ISmsGateway gateway = services.GetRequiredKeyedService<ISmsGateway>("synqtel");

        // With one recipient and no client reference Synqtel's sendsms would be used: a reference keeps it on sendmultiple.
        await Cases_.SampleAsync(c => RunAsync(gateway, plan, c with { ClientReference = "ref-1" }), iter: Cases, threads: 1, print: c => c.ToString());
    }

    // The case CsCheck found (seed 9Ot534yqqpJ2): one recipient, and a reply whose only entry names another number. The
    // single-number path took a reply's only entry as its recipient's whatever number it named; now, as the batch path
    // does, only an entry naming ours (in any form), or naming none, speaks for it.
    [Theory]
    [InlineData("254712911902", false)] // another number: not ours, not reported
    [InlineData("12345", false)]        // not a number
    [InlineData("0722 911 902", true)]  // ours, echoed in another form
    [InlineData("", true)]              // no number echoed: the only entry of a one-number request
    public async Task Qserve_OneRecipient_OnlyEntryCountsWhenItNamesOurNumberOrNone(string echoed, bool accepted)
    {
        MockProvider mock = AdapterHost.QserveMock();
        mock.On(HttpMethod.Post, "sendsms", _ => (200, new JsonArray(new JsonObject
        {
            ["recipientsCount"] = 1, ["statusMessage"] = "Success", ["statusCode"] = 101, ["Balance"] = 8823,
            ["messageDetails"] = new JsonArray(new JsonObject { ["recipient"] = echoed, ["message"] = "text", ["statusCode"] = "Successfully Sent", ["statusMessage"] = "2" }),
        }).ToJsonString()));
        await using ServiceProvider services = AdapterHost.Qserve(mock);

        SmsSendResult result = await services.GetRequiredKeyedService<ISmsGateway>("qserve").SendAsync("0722911902", "Hello");

        SmsRecipientResult only = Assert.Single(result.Recipients);
        Assert.Equal("+254722911902", only.PhoneNumber);
        Assert.Equal(accepted, only.IsAccepted);
    }

    private static async Task RunAsync(ISmsGateway gateway, Plan plan, Case c)
    {
        plan.Start(c);
        SmsSendResult result = await gateway.SendAsync(new SmsMessage(c.Recipients, "Hello") { ClientReference = c.ClientReference });

        Assert.Equal(c.Recipients.Length, result.Recipients.Count);
        for (int i = 0; i < c.Recipients.Length; i++)
        {
            string e164 = PhoneNumber.Parse(c.Recipients[i]).E164;
            SmsRecipientResult outcome = result.Recipients[i];
            Assert.Equal(e164, outcome.PhoneNumber);
            bool said = plan.Expected.TryGetValue(e164, out bool accepted);
            Assert.True(said || !outcome.IsAccepted, $"{e164} reported accepted, and the reply did not mention it");
            Assert.Equal(said && accepted, outcome.IsAccepted);
        }

        Assert.True(plan.Requests > 0);
    }

    private static string Format(int nsn, Form form)
    {
        string digits = nsn.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return form switch
        {
            Form.National => "0" + digits,
            Form.E164 => "+254" + digits,
            Form.Msisdn => "254" + digits,
            Form.Nsn => digits,
            _ => $"0{digits[..3]} {digits[3..6]} {digits[6..]}",
        };
    }

    private sealed record ReplyEntry(int? Target, Form Form, bool Accepted)
    {
        public override string ToString() => $"{(Target is { } t ? "entry " + t : "stranger")} as {Form}, {(Accepted ? "accepted" : "refused")}";
    }

    private sealed record Case(string[] Recipients, ReplyEntry[] Entries, int Stranger, string? ClientReference = null)
    {
        public override string ToString() => $"to [{string.Join(", ", Recipients)}], reply [{string.Join("; ", Entries.Select(e => e.ToString()))}]";
    }

    // Builds each request's reply from the case, and what it says about every requested number: the first entry for a
    // number decides (accepted or not); a number no entry names is absent.
    private sealed class Plan
    {
        private Case _case = null!;

        public ConcurrentDictionary<string, bool> Expected { get; } = new(StringComparer.Ordinal);

        public int Requests { get; private set; }

        public void Start(Case c)
        {
            _case = c;
            Expected.Clear();
            Requests = 0;
        }

        public string Qserve(string body)
        {
            string[] phones = FakeReplies.QservePhones(body);
            var details = new JsonArray();
            foreach ((string number, _, bool accepted) in Entries(phones, []))
            {
                details.Add(new JsonObject { ["recipient"] = number, ["message"] = "text", ["statusCode"] = "Successfully Sent", ["statusMessage"] = accepted ? "2" : "X001" });
            }

            return new JsonArray(new JsonObject { ["recipientsCount"] = phones.Length, ["statusMessage"] = "Success", ["statusCode"] = 101, ["Balance"] = 8823, ["messageDetails"] = details }).ToJsonString();
        }

        public string Synqtel(string body)
        {
            using JsonDocument request = JsonDocument.Parse(body);
            JsonElement[] messages = [.. request.RootElement.GetProperty("messages").EnumerateArray()];
            var details = new JsonArray();
            foreach ((string number, string? clientRef, bool accepted) in Entries([.. messages.Select(m => m.GetProperty("mobile").GetString()!)], [.. messages.Select(m => m.GetProperty("client_ref").GetString())]))
            {
                details.Add(new JsonObject
                {
                    ["message_id"] = "mid-" + number,
                    ["client_ref"] = clientRef,
                    ["mobile"] = number,
                    ["schedule_status"] = accepted ? "1" : "13",
                    ["schedule_desc"] = accepted ? "Success" : "Mobile number in DND",
                    ["network_id"] = "1",
                    ["message_cost"] = 1,
                });
            }

            return new JsonObject { ["status_code"] = 1000, ["status_desc"] = "Success", ["credit_balance"] = "500.0000", ["schedule_details"] = details }.ToJsonString();
        }

        // The reply entries for one request of requested numbers (and their client references, when echoed).
        private List<(string Number, string? ClientRef, bool Accepted)> Entries(string[] requested, string?[] clientRefs)
        {
            Requests++;
            var entries = new List<(string, string?, bool)>();
            foreach (ReplyEntry entry in _case.Entries)
            {
                if (entry.Target is int target)
                {
                    int index = target % requested.Length;
                    PhoneNumber number = PhoneNumber.Parse(requested[index]);
                    entries.Add((Format(int.Parse(number.E164[4..], System.Globalization.CultureInfo.InvariantCulture), entry.Form), clientRefs.Length > 0 ? clientRefs[index] : null, entry.Accepted));
                    Expected.TryAdd(number.E164, entry.Accepted);
                }
                else
                {
                    // A number in no request of the case (prefix 712 is not generated), with no client reference.
                    entries.Add((Format(712_000_000 + (_case.Stranger % 1_000_000), entry.Form), null, entry.Accepted));
                }
            }

            return entries;
        }
    }
}
