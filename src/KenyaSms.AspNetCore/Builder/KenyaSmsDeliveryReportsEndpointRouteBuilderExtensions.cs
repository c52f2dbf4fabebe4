using KenyaSms.AspNetCore;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the delivery-report endpoint.</summary>
public static class KenyaSmsDeliveryReportsEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps a POST endpoint for the providers' delivery reports. A pattern with a <c>{provider}</c> segment, such as
    /// <c>"/sms/delivery-reports/{provider}/{secret}"</c>, serves every provider that posts reports:
    /// <c>.../synqtel/...</c> takes Synqtel's JSON, <c>.../africastalking/...</c> Africa's Talking's form-encoded
    /// reports (any other value is answered 404). A pattern without <c>{provider}</c> serves Synqtel alone, as it always
    /// did. Prefer a pattern without <c>{secret}</c>, such as
    /// <c>"/sms/delivery-reports"</c>: the provider (or your proxy) then sends the secret in the
    /// <c>X-KenyaSms-Secret</c> header, which ASP.NET Core's request logs and traces do not record by default. With the
    /// default pattern the secret goes in place of <c>{secret}</c> in the URL, where ASP.NET Core's request logs and
    /// traces record it; a warning says so at start-up.
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

        if (RoutePatternFactory.Parse(pattern).GetParameter(DeliveryReportEndpoint.SecretRouteValue) is not null)
        {
            Log.SecretInRoute(endpoints.ServiceProvider.GetRequiredService<ILogger<DeliveryReportEndpoint>>(), pattern);
        }

        // Resolved per request (a singleton), so that invalid settings fail at start-up through ValidateOnStart.
        RequestDelegate handle = static context => context.RequestServices.GetRequiredService<DeliveryReportEndpoint>().HandleAsync(context);

        // The endpoint authenticates the provider by its secret; an application-wide authorization policy must not refuse it.
        return endpoints.MapPost(pattern, handle)
            .WithDisplayName("KenyaSms delivery reports")
            .AllowAnonymous();
    }
}
