using KenyaSms.AspNetCore;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the delivery-report endpoint.</summary>
public static class KenyaSmsDeliveryReportsEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps a POST endpoint for the provider's delivery reports. Give the provider the URL with your secret in place
    /// of <c>{secret}</c> (over https). A pattern without <c>{secret}</c> requires the <c>X-KenyaSms-Secret</c> header.
    /// Register the services first with <c>services.AddKenyaSmsDeliveryReports&lt;THandler&gt;(...)</c>.
    /// </summary>
    /// <param name="endpoints">The route builder, e.g. the <c>WebApplication</c>.</param>
    /// <param name="pattern">The route pattern.</param>
    /// <returns>A builder to add conventions (rate limiting, host filtering, ...).</returns>
    public static IEndpointConventionBuilder MapKenyaSmsDeliveryReports(this IEndpointRouteBuilder endpoints, string pattern = "/sms/delivery-reports/{secret}")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        if (endpoints.ServiceProvider.GetService<IServiceProviderIsService>()?.IsService(typeof(DeliveryReportEndpoint)) == false)
        {
            throw new InvalidOperationException(
                "The delivery-report services are not registered: call services.AddKenyaSmsDeliveryReports<THandler>(o => o.Secrets.Add(...)) before MapKenyaSmsDeliveryReports.");
        }

        // Resolved per request (a singleton), so that invalid settings fail at start-up through ValidateOnStart.
        RequestDelegate handle = static context => context.RequestServices.GetRequiredService<DeliveryReportEndpoint>().HandleAsync(context);

        // The endpoint authenticates the provider by its secret; an application-wide authorization policy must not refuse it.
        return endpoints.MapPost(pattern, handle)
            .WithDisplayName("KenyaSms delivery reports")
            .AllowAnonymous();
    }
}
