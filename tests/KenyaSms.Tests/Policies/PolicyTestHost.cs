using KenyaSms.Tests.Resilience;
using Microsoft.Extensions.DependencyInjection;

namespace KenyaSms.Tests.Policies;

/// <summary>Hosts for the sending-policy tests: the SDK against loopback providers, with safe mode and lists set up.</summary>
internal static class PolicyTestHost
{
    /// <summary>The third recipient (E.164 +254733444555).</summary>
    public const string ThirdNumber = "0733444555";

    /// <summary>Safe mode on, allowing <paramref name="allowed"/> (typed any way), for every provider of <paramref name="setup"/>.</summary>
    public static HostSetup WithSafeMode(this HostSetup setup, params string[] allowed)
    {
        Action<IServiceCollection>? before = setup.Services;
        setup.Services = services =>
        {
            before?.Invoke(services);
            services.Configure<KenyaSmsOptions>(o =>
            {
                o.SafeMode.Enabled = true;
                foreach (string number in allowed)
                {
                    o.SafeMode.AllowedNumbers.Add(number);
                }
            });
        };
        return setup;
    }

    /// <summary>An in-memory suppression list (and optionally an in-memory ledger) registered through the builder.</summary>
    public static HostSetup WithSuppressionList(this HostSetup setup, bool ledger = false, bool autoSuppress = false)
    {
        setup.Builder = builder =>
        {
            builder.AddInMemorySuppressionList();
            if (ledger)
            {
                builder.AddInMemorySendLedger();
            }

            if (autoSuppress)
            {
                builder.Services.Configure<KenyaSms.Policies.SuppressionSettings>(o => o.AutoSuppress = true);
            }
        };
        return setup;
    }

    public static ISmsSuppressionList Suppressions(this ResilienceTestHost host) => host.Services.GetRequiredService<ISmsSuppressionList>();

    /// <summary>Every recipient every server received, as sent.</summary>
    public static IReadOnlyList<string> Delivered(this ResilienceTestHost host, params string[] providers) =>
        [.. providers.SelectMany(p => host.ServerOf(p).Requests).Where(r => r.Path.Contains("send", StringComparison.Ordinal)).SelectMany(ProviderReplies.Recipients)];
}
