using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace KenyaSms.AspNetCore.Tests;

/// <summary>
/// The exact surface is PublicAPI.*.txt of the packages, checked on every build by PublicApiAnalyzers; this keeps what the
/// analyzer does not check. The surface of KenyaSms.AspNetCore is exactly api.md section 7's, plus the store the endpoint keeps its
/// per-message records in. Section 10 (Africa's Talking reports) adds no member: <c>{provider}</c> is a segment of the
/// pattern the caller passes, and the default pattern stays Synqtel's so existing deployments keep working.
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void AddKenyaSmsDeliveryReports_HandlerIsAClassImplementingTheHandler()
    {
        MethodInfo add = typeof(KenyaSmsDeliveryReportsServiceCollectionExtensions).GetMethod(nameof(KenyaSmsDeliveryReportsServiceCollectionExtensions.AddKenyaSmsDeliveryReports))!;
        Type handler = add.GetGenericArguments().Single();

        Assert.True(handler.GenericParameterAttributes.HasFlag(GenericParameterAttributes.ReferenceTypeConstraint));
        Assert.Equal([typeof(IDeliveryReportHandler)], handler.GetGenericParameterConstraints());
    }

    [Fact]
    public void Extensions_LiveInTheEcosystemNamespaces()
    {
        Assert.Equal("Microsoft.Extensions.DependencyInjection", typeof(KenyaSmsDeliveryReportsServiceCollectionExtensions).Namespace);
        Assert.Equal("Microsoft.AspNetCore.Builder", typeof(KenyaSmsDeliveryReportsEndpointRouteBuilderExtensions).Namespace);
    }
}
