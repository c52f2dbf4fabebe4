using KenyaSms.Qserve;
using KenyaSms.Synqtel;
using KenyaSms.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static KenyaSms.Tests.Resilience.ResilienceTestHost;

namespace KenyaSms.Tests.Resilience;

// Waiting for a request slot (MaxConcurrentRequests) spends the call's TotalTimeout; it used to get a budget of its own.
public class ConcurrencyBudgetTests
{
    public static TheoryData<string> Providers => ProviderReplies.Both;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Send_NoSlotWithinTheTotalTimeout_FailsWithinTheBudgetNothingSent(string provider)
    {
        var time = new ArmedTimersFakeTimeProvider();
        var holding = new TaskCompletionSource();
        HostSetup setup = HostSetup.For(provider);
        setup.Time = time;
        setup.Resilience = o => o.MaxConcurrentRequests = 1;
        // The first send holds the only slot inside a handler that ignores cancellation until the test lets it go.
        setup.Services = services => services.AddHttpClient(provider == ProviderReplies.Qserve ? QserveSmsGateway.HttpClientName : SynqtelSmsGateway.HttpClientName)
            .AddHttpMessageHandler(() => new GateHandler(holding.Task));
        await using ResilienceTestHost host = await StartAsync(setup);

        Task<SmsSendResult> first = host.Gateway.SendAsync(new SmsMessage(Number, MessageText));
        Task<SmsSendResult> second = host.Gateway.SendAsync(new SmsMessage(OtherNumber, MessageText));
        await time.WaitForArmedTimersAsync(3).WaitAsync(Guard); // first: total + attempt; second: total, while it waits for the slot
        time.Advance(new SmsResilienceOptions().TotalTimeout);

        SmsGatewayException ex = await FailsAsync(() => second.WaitAsync(Guard));
        Assert.False(ex.MayHaveBeenSent);
        Assert.Contains("no request slot", ex.Message, StringComparison.Ordinal);
        holding.SetResult();
        await Assert.ThrowsAnyAsync<Exception>(() => first.WaitAsync(Guard));
        Assert.Equal(0, host.Server.ReceivedCount);
    }

    private sealed class GateHandler(Task gate) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await gate;
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
