using System.Text;
using System.Text.Json;
using KenyaSms.Simulator;

namespace KenyaSms.IntegrationTests.Simulator;

/// <summary>Garbage in never gets a 500 or a stack trace out: every answer is the provider's own error shape.</summary>
public sealed class SimulatorMalformedRequestTests
{
    private static readonly string[] Targets =
    [
        "POST version1/sendsms", "POST version1/credits", "GET version1/sendsms",
        "POST sms/sendsms", "POST sms/sendmultiple", "GET sms/getbalance", "GET sms/mobile?mobile=%FF%00&return=json", "PATCH sms/sendsms",
    ];

    private static readonly byte[][] Bodies =
    [
        [],
        [0xFF, 0xFE, 0x7B, 0x00],                                              // not UTF-8
        Encoding.UTF8.GetBytes("{\"mobile\":\"\uFFFD\"" + new string(' ', 10) + "}"),
        Encoding.UTF8.GetBytes(new string('[', 200) + new string(']', 200)),   // deeper than any reader allows
        Encoding.UTF8.GetBytes("""{"username":1e999,"api_key":true,"phone":null,"message":{},"mobile":[],"service_id":1e30,"serviceId":"x","shortcode":[],"messages":[null,1,"a"]}"""),
        Encoding.UTF8.GetBytes("""{"username":"simulator","api_key":"sim-qserve-key","phone":",,,;;;","message":"\u0000"}"""),
        Encoding.UTF8.GetBytes("""{"serviceId":0,"shortcode":"S","messages":[{"mobile":"0722000001","message":"hi","client_ref":1e400}]}"""),
        Encoding.UTF8.GetBytes("\"just a string\""),
    ];

    public static TheoryData<int, int> Cases()
    {
        var data = new TheoryData<int, int>();
        for (int t = 0; t < Targets.Length; t++)
        {
            for (int b = 0; b < Bodies.Length; b++)
            {
                data.Add(t, b);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task AnyEndpoint_GarbageBody_AnswersAProviderShapedErrorNever500(int target, int body)
    {
        await using var host = await SimulatorTestHost.StartAsync();
        string[] parts = Targets[target].Split(' ');
        (string Name, string Value)[] key = [("h_api_key", host.Sim.SynqtelApiKey)];

        Reply reply = await host.SendBytesAsync(new HttpMethod(parts[0]), parts[1], Bodies[body], key);

        Assert.InRange(reply.Status, 200, 499);
        Assert.DoesNotContain("   at ", reply.Body);
        if (reply.Status == 200)
        {
            JsonElement answer = reply.Root;
            string code = Reply.Text(answer.TryGetProperty("status_code", out JsonElement s) ? s : answer.GetProperty("statusCode"));
            Assert.Matches("^(1000|1003|1009|1010|X000|101)$", code);
        }
    }

    [Theory]
    [InlineData("HEAD", "sms/getbalance")]
    [InlineData("HEAD", "version1/credits")]
    [InlineData("OPTIONS", "sms/sendsms")]
    [InlineData("OPTIONS", "version1/sendsms")]
    public async Task OtherMethods_WithoutBody_AreAnsweredWithoutAServerError(string method, string path)
    {
        await using var host = await SimulatorTestHost.StartAsync();

        Reply reply = await host.SendAsync(new HttpMethod(method), path, null, [("h_api_key", host.Sim.SynqtelApiKey)]);

        Assert.Equal(200, reply.Status);
        Assert.Equal(SimulatorRequestOutcome.Answered, Assert.Single(host.Sim.Ledger.Requests).Outcome);
    }

    [Fact]
    public async Task SendMultiple_HugeNumericClientRef_IsEchoedVerbatim()
    {
        await using var host = await SimulatorTestHost.StartAsync();

        Reply reply = await host.SynqtelAsync(HttpMethod.Post, "sendmultiple",
            """{"serviceId":0,"shortcode":"S","messages":[{"mobile":"0722000001","message":"hi","client_ref":123456789012345678901234567890}]}""");

        Assert.Contains("\"client_ref\":123456789012345678901234567890", reply.Body);
        Assert.Equal("123456789012345678901234567890", Assert.Single(host.Sim.Ledger.Messages).ClientReference);
    }

    [Fact]
    public async Task ProviderPaths_WithoutTrailingSlash_AreStillAnsweredInShape()
    {
        await using var host = await SimulatorTestHost.StartAsync();

        Reply synqtel = await host.SendAsync(HttpMethod.Get, "sms", null, []);
        Reply qserve = await host.SendAsync(HttpMethod.Post, "version1", "{}", []);

        Assert.Equal("1010", synqtel.Field("status_code"));
        Assert.Equal(404, qserve.Status);
        Assert.Equal([SimulatorProvider.Synqtel, SimulatorProvider.Qserve], host.Sim.Ledger.Requests.Select(r => r.Provider));
    }
}
