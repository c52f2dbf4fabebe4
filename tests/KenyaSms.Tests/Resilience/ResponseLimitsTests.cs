using KenyaSms.Tests.Infrastructure;
using static KenyaSms.Tests.Resilience.ResilienceTestHost;

namespace KenyaSms.Tests.Resilience;

// R13: a 50 MB answer or an endless drip ends in InvalidResponse: the read is capped (MaxResponseBytes, 1 MiB by
// default) and bounded by the attempt timeout, memory stays flat, and a send is not retried.
// Alone in its collection: GC.GetTotalMemory counts the whole process, so no other test may run meanwhile.
[Collection(MemoryMeasurements.Name)]
public class ResponseLimitsTests
{
    private const long FiftyMegabytes = 50L * 1024 * 1024;
    private const long MemoryGrowthLimit = 20L * 1024 * 1024; // generous: the cap is 1 MiB, the response 50 MB

    public static TheoryData<string, bool> HugeCases => new()
    {
        { ProviderReplies.Qserve, true }, { ProviderReplies.Qserve, false },
        { ProviderReplies.Synqtel, true }, { ProviderReplies.Synqtel, false },
    };

    [Theory]
    [MemberData(nameof(HugeCases))]
    public async Task Send_50MegabyteResponse_InvalidResponseMemoryFlat(string provider, bool sendContentLength)
    {
        await using ResilienceTestHost host = await StartAsync(provider);
        host.Server.Enqueue(Behavior.RespondHuge(FiftyMegabytes, sendContentLength));

        SmsGatewayException ex = await FailsWithFlatMemoryAsync(() => host.SendAsync());

        Assert.Equal(SmsErrorCode.InvalidResponse, ex.Error);
        Assert.True(ex.MayHaveBeenSent);
        host.AssertReceivedOnceNotRetried();
    }

    [Theory]
    [MemberData(nameof(HugeCases))]
    public async Task GetBalance_50MegabyteResponse_InvalidResponseNotRetried(string provider, bool sendContentLength)
    {
        await using ResilienceTestHost host = await StartAsync(provider);
        host.Server.Enqueue(Behavior.RespondHuge(FiftyMegabytes, sendContentLength));

        SmsGatewayException ex = await FailsAsync(() => host.BalanceAsync());

        Assert.Equal(SmsErrorCode.InvalidResponse, ex.Error);
        Assert.False(ex.MayHaveBeenSent);
        host.AssertReceivedOnceNotRetried();
    }

    [Theory]
    [MemberData(nameof(ProviderReplies.Both), MemberType = typeof(ProviderReplies))]
    public async Task Send_DripForever_InvalidResponseNotRetried(string provider)
    {
        await using ResilienceTestHost host = await StartAsync(provider, ShortAttempts);
        host.Server.Enqueue(Behavior.DripForever());

        SmsGatewayException ex = await FailsWithFlatMemoryAsync(() => host.SendAsync());

        Assert.Equal(SmsErrorCode.InvalidResponse, ex.Error);
        Assert.True(ex.MayHaveBeenSent);
        host.AssertReceivedOnceNotRetried();
    }

    // The cap is exact: a valid body of MaxResponseBytes is read, one byte more is refused.
    [Theory]
    [InlineData(ProviderReplies.Qserve, 0, true)]
    [InlineData(ProviderReplies.Qserve, 1, false)]
    [InlineData(ProviderReplies.Synqtel, 0, true)]
    [InlineData(ProviderReplies.Synqtel, 1, false)]
    public async Task GetBalance_BodyAroundMaxResponseBytes_ReadUpToTheCap(string provider, int overCap, bool readable)
    {
        const int cap = 2048;
        await using ResilienceTestHost host = await StartAsync(provider, o => o.MaxResponseBytes = cap);
        string json = provider == ProviderReplies.Qserve
            ? """[{"credits":"345","statusCode":101}]"""
            : """{"status_code":"1000","status_desc":"Success","credit_balance":"9871"}""";
        string body = json.PadRight(cap + overCap);
        host.Server.Enqueue(Behavior.Respond(200, body));

        if (readable)
        {
            SmsBalance balance = await host.BalanceAsync();
            Assert.True(balance.Credits > 0);
        }
        else
        {
            SmsGatewayException ex = await FailsAsync(() => host.BalanceAsync());
            Assert.Equal(SmsErrorCode.InvalidResponse, ex.Error);
        }

        Assert.Equal(1, host.Server.ReceivedCount);
    }

    // The call must fail; meanwhile the process may neither keep (GetTotalMemory) nor allocate (GetTotalAllocatedBytes)
    // anything near the response's size.
    private static async Task<SmsGatewayException> FailsWithFlatMemoryAsync(Func<Task> call)
    {
        long before = GC.GetTotalMemory(forceFullCollection: true);
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        SmsGatewayException ex = await FailsAsync(call);

        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        long after = GC.GetTotalMemory(forceFullCollection: true);
        Assert.InRange(after - before, long.MinValue, MemoryGrowthLimit);
        Assert.InRange(allocated, 0, MemoryGrowthLimit);
        return ex;
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurements
{
    public const string Name = "Memory measurements";
}
