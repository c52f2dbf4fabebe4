using System.Diagnostics.CodeAnalysis;
using KenyaSms.AspNetCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the delivery-report endpoint's services; map it with <c>app.MapKenyaSmsDeliveryReports()</c>.</summary>
public static class KenyaSmsDeliveryReportsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <typeparamref name="THandler"/> (scoped) to receive delivery reports, the endpoint's settings
    /// (validated at start-up) and the default <see cref="InMemoryDeliveryReportStore"/> unless an
    /// <see cref="IDeliveryReportStore"/> is registered already.
    /// </summary>
    /// <typeparam name="THandler">Your handler.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the secrets (one, or two while rotating) and optionally the body limit.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddKenyaSmsDeliveryReports<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(
        this IServiceCollection services,
        Action<DeliveryReportEndpointOptions> configure)
        where THandler : class, IDeliveryReportHandler
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddLogging();
        services.AddOptions<DeliveryReportEndpointOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DeliveryReportEndpointOptions>, DeliveryReportEndpointOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IDeliveryReportStore>(static sp => new InMemoryDeliveryReportStore(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<DeliveryReportEndpoint>();
        services.TryAddScoped<IDeliveryReportHandler, THandler>();
        return services;
    }
}
