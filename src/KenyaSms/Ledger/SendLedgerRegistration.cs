using KenyaSms.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace KenyaSms.Ledger;

/// <summary>
/// What every <c>Add*SendLedger</c> does: one <see cref="ISmsSendLedger"/> for the container (a second registration of
/// another kind is refused, so a misconfiguration never splits the record in two), its options, and their start-up
/// check (the lease must outlast the longest send).
/// </summary>
internal static class SendLedgerRegistration
{
    public static IKenyaSmsBuilder Add(IKenyaSmsBuilder builder, Func<IServiceProvider, ISmsSendLedger> create, Action<SmsSendLedgerOptions>? configure)
    {
        Throw.IfNull(builder);
        IServiceCollection services = builder.Services;
        ServiceDescriptor? existing = services.FirstOrDefault(d => d.ServiceType == typeof(ISmsSendLedger));
        if (existing is not null)
        {
            throw new InvalidOperationException("A send ledger is already registered; register exactly one (AddInMemorySendLedger, AddSqliteSendLedger or AddPostgreSqlSendLedger).");
        }

        OptionsBuilder<SmsSendLedgerOptions> options = services.AddOptions<SmsSendLedgerOptions>();
        if (builder is KenyaSmsBuilder { Configuration: { } configuration } && configuration.GetSection("Ledger") is { } section && section.Exists())
        {
            options.Configure(o => section.Bind(o));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SmsSendLedgerOptions>, SendLedgerOptionsValidator>());
        services.AddSingleton(create);
        services.TryAddSingleton(sp => new LedgerRetention(sp.GetRequiredService<ISmsSendLedger>(), sp.GetRequiredService<IOptionsMonitor<SmsSendLedgerOptions>>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>().CreateLogger("KenyaSms.Ledger")));
        return builder;
    }
}
