using System.Reflection;
using KenyaSms.Tests;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace KenyaSms.AspNetCore.Tests;

/// <summary>
/// The public surface of KenyaSms.AspNetCore is exactly api.md section 7's, plus the store the endpoint keeps its
/// per-message records in. Section 10 (Africa's Talking reports) adds no member: <c>{provider}</c> is a segment of the
/// pattern the caller passes, and the default pattern stays Synqtel's so existing deployments keep working.
/// </summary>
public sealed class PublicApiTests
{
    private static readonly Assembly Library = typeof(IDeliveryReportHandler).Assembly;

    private static readonly Dictionary<string, (string Kind, string[] Members)> Expected = new()
    {
        ["KenyaSms.AspNetCore.IDeliveryReportHandler"] = ("interface", ["Task HandleAsync(DeliveryReport report, CancellationToken cancellationToken)"]),
        ["KenyaSms.AspNetCore.DeliveryReportEndpointOptions"] = ("sealed class",
        [
            "IList<string> Secrets { get; }",
            "ctor()",
            "int MaxBodyBytes { get; set; }",
            "string ToString()",
        ]),
        ["KenyaSms.AspNetCore.IDeliveryReportStore"] = ("interface",
        [
            "ValueTask<bool> TryReplaceAsync(string provider, string messageId, string? expected, string record, CancellationToken cancellationToken)",
            "ValueTask<string?> GetAsync(string provider, string messageId, CancellationToken cancellationToken)",
        ]),
        ["KenyaSms.AspNetCore.InMemoryDeliveryReportStore"] = ("sealed class",
        [
            "ValueTask<bool> TryReplaceAsync(string provider, string messageId, string? expected, string record, CancellationToken cancellationToken)",
            "ValueTask<string?> GetAsync(string provider, string messageId, CancellationToken cancellationToken)",
            "ctor(TimeProvider timeProvider)",
            "ctor(TimeProvider timeProvider, int maxMessages, TimeSpan maxAge)",
        ]),
        ["Microsoft.Extensions.DependencyInjection.KenyaSmsDeliveryReportsServiceCollectionExtensions"] = ("static class",
        [
            "static IServiceCollection AddKenyaSmsDeliveryReports<THandler>(this IServiceCollection services, Action<DeliveryReportEndpointOptions> configure)",
        ]),
        ["Microsoft.AspNetCore.Builder.KenyaSmsDeliveryReportsEndpointRouteBuilderExtensions"] = ("static class",
        [
            "static IEndpointConventionBuilder MapKenyaSmsDeliveryReports(this IEndpointRouteBuilder endpoints, string pattern = \"/sms/delivery-reports/{secret}\")",
        ]),
    };

    public static TheoryData<string> ContractTypes => [.. Expected.Keys];

    [Fact]
    public void ExportedTypes_AreExactlyTheContract() =>
        Assert.Equal(Expected.Keys.Order(StringComparer.Ordinal), Library.GetExportedTypes().Select(t => t.FullName!).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(ContractTypes))]
    public void ContractType_HasExactlyTheContractMembers(string fullName)
    {
        Type type = Library.GetType(fullName, throwOnError: true)!;

        Assert.Equal(Expected[fullName].Kind, PublicApiSurface.Kind(type));
        Assert.Equal(Expected[fullName].Members, PublicApiSurface.Members(type));
    }

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
