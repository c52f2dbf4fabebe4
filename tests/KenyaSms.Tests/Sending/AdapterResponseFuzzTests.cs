using System.Net;
using CsCheck;
using KenyaSms.Synqtel;
using KenyaSms.Tests.Infrastructure;
using KenyaSms.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;
using Xunit.Abstractions;

namespace KenyaSms.Tests.Sending;

// Issue 5 item 4, end to end: hostile mutations of each endpoint's reference responses, served (MockHttp, under the
// SDK's resilience handler, through DI) with 200 or an error status to the adapter call that reads them. Only a
// result or SmsGatewayException may come out; a 2xx answer to a send that the SDK could not read must say "may have
// been sent", and a send reported certainly-not-sent must rest on a provider refusal it did read. No exception text
// and no log line (Trace) may hold an API key or a recipient's full number, whatever the body echoed (I5).
// CsCheck property over (fixture, status, HostileMutation ops): a failure is shrunk (fewer ops, earlier values, HTTP
// 200) and printed with the ops as applied, the body and the seed that replays it. KENYASMS_MUTATIONS (default 300).
public sealed class AdapterResponseFuzzTests(ITestOutputHelper output)
{
    private static readonly string[] Numbers = ["0722310558", "0705941419", "0722998999", "0712244243"];
    private static readonly int[] Statuses = [200, 200, 200, 200, 200, 200, 200, 400, 429, 500, 502, 503];

    private static readonly Dictionary<string, Call> Calls = new()
    {
        // The numbers are the fixtures' own, so the mutated answers still mention the recipients.
        ["Synqtel sendsms"] = new("Synqtel", "sendsms", 1, sp => Send(sp, "synqtel", new SmsMessage("0722310558", "Hello"))),
        ["Synqtel sendmultiple bulk"] = new("Synqtel", "sendmultiple", 2, sp => Send(sp, "synqtel", new SmsMessage(["0722310558", "0705941419"], "Hello"))),
        ["Synqtel sendmultiple batch"] = new("Synqtel", "sendmultiple", 2, sp => Batch(sp, "synqtel")),
        ["Synqtel getbalance"] = new("Synqtel", "getbalance", 0, async sp => await sp.GetRequiredKeyedService<ISmsGateway>("synqtel").GetBalanceAsync()),
        ["Synqtel mobile"] = new("Synqtel", "mobile", 0, async sp => await sp.GetRequiredService<SynqtelSmsGateway>().LookupAsync("0712244243")),
        ["Qserve sendsms"] = new("Qserve", "sendsms", 1, sp => Send(sp, "qserve", new SmsMessage("0722998999", "Hello world"))),
        ["Qserve sendsms bulk"] = new("Qserve", "sendsms", 2, sp => Send(sp, "qserve", new SmsMessage(["0722998999", "0722310558"], "Hello world"))),
        ["Qserve sendsms batch"] = new("Qserve", "sendsms", 2, sp => Batch(sp, "qserve")),
        ["Qserve credits"] = new("Qserve", "credits", 0, async sp => await sp.GetRequiredKeyedService<ISmsGateway>("qserve").GetBalanceAsync()),
    };

    public static TheoryData<string> CallNames() => [.. Calls.Keys];

    [Theory]
    [MemberData(nameof(CallNames))]
    public async Task Call_HostileMutationsOfItsReferenceResponses_OnlyResultOrHonestSmsGatewayException(string name)
    {
        Call call = Calls[name];
        bool isSend = call.Inputs > 0;
        string[] names = [.. FixtureFiles.All(call.Provider).Where(f => Path.GetFileName(f).StartsWith(call.Endpoint + "-", StringComparison.Ordinal) || Path.GetFileName(f) == call.Endpoint + ".json")];
        byte[][] fixtures = [.. names.Select(FixtureFiles.Read)];
        Assert.NotEmpty(fixtures);

        (int Status, byte[] Body) answer = (200, []);
        MockProvider mock = call.Provider == "Qserve" ? AdapterHost.QserveMock() : AdapterHost.SynqtelMock();
        var route = new MockedRequest();
        route.Respond(_ => new HttpResponseMessage((HttpStatusCode)answer.Status) { Content = new ByteArrayContent(answer.Body) });
        mock.Http.AddBackendDefinition(route);
        // The breaker would open after the error statuses and fail calls fast (honestly: nothing sent); here every body must be read.
        static void NoBreaker(SmsResilienceOptions o) => o.CircuitBreakerMinimumThroughput = 100_000;
        var logs = new FakeLogCollector();
        await using ServiceProvider services = call.Provider == "Qserve"
            ? AdapterHost.Qserve(mock, resilience: NoBreaker, logs: logs)
            : AdapterHost.Synqtel(mock, resilience: NoBreaker, logs: logs);

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        Gen<(int, int, HostileMutation.Op[])> cases = Gen.Select(Gen.Int[0, fixtures.Length - 1], Gen.Int[0, Statuses.Length - 1], HostileMutation.Ops);
        await cases.SampleAsync(
            async (fixture, status, ops) =>
            {
                byte[] body = HostileMutation.Apply(fixtures[fixture], ops);
                answer = (Statuses[status], body);
                string outcome;
                try
                {
                    object result = await call.Run(services).WaitAsync(TimeSpan.FromSeconds(30));
                    if (result is SmsSendResult sent)
                    {
                        Assert.True(sent.Recipients.Count == call.Inputs, $"{sent.Recipients.Count} outcomes for {call.Inputs} recipients");
                        Assert.All(sent.Recipients, r => Assert.False(r.IsAccepted && answer.Status / 100 != 2, $"{r.PhoneNumber} reported accepted on HTTP {answer.Status}"));
                    }

                    outcome = "result";
                }
                catch (SmsGatewayException ex)
                {
                    if (isSend && answer.Status / 100 == 2)
                    {
                        // Unreadable: may have been sent. Certainly not sent: only on a documented refusal the SDK read.
                        Assert.True(ex.Error != SmsErrorCode.InvalidResponse || ex.MayHaveBeenSent, "InvalidResponse without MayHaveBeenSent");
                        Assert.True(ex.MayHaveBeenSent || ex.Error is not (SmsErrorCode.InvalidResponse or SmsErrorCode.Transport or SmsErrorCode.Unknown),
                            $"{ex.Error} reported certainly not sent");
                    }

                    AdapterHost.AssertNoSecrets(ex.ToString(), Numbers);
                    outcome = ex.Error.ToString();
                }
#pragma warning disable CA1031 // any other exception is the finding
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    Assert.Fail($"{ex.GetType().Name} escaped: {ex.Message}");
                    throw;
                }

                counts[outcome] = counts.GetValueOrDefault(outcome) + 1;
            },
            iter: Mutations,
            threads: 1, // one mock answer at a time
            print: c => $"{name}, HTTP {Statuses[c.Item2]}, body: " + HostileMutation.Describe(names[c.Item1], fixtures[c.Item1], c.Item3));

        AdapterHost.AssertNoSecrets(logs.AllText(), Numbers);
        output.WriteLine($"{name} ({Mutations} bodies): " + string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}")));
        Assert.True(counts.ContainsKey("result") && counts.Count > 1, "the mutations should produce both results and exceptions");
    }

    private static int Mutations => FuzzTally.Mutations(300);

    private static async Task<object> Send(IServiceProvider services, string provider, SmsMessage message) =>
        await services.GetRequiredKeyedService<ISmsGateway>(provider).SendAsync(message);

    private static async Task<object> Batch(IServiceProvider services, string provider) =>
        await services.GetRequiredKeyedService<ISmsGateway>(provider).SendBatchAsync([new SmsMessage("0722310558", "Hello"), new SmsMessage("0722998999", "Hello world")]);

    private sealed record Call(string Provider, string Endpoint, int Inputs, Func<IServiceProvider, Task<object>> Run);
}
