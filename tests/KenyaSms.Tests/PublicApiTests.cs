using System.Reflection;
using KenyaSms.Qserve;
using KenyaSms.Synqtel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KenyaSms.Tests;

/// <summary>
/// Formerly the reflection dump of the whole surface; that is now src/KenyaSms/PublicAPI.*.txt, checked on every build
/// by PublicApiAnalyzers (RS0016/RS0017). What stays here is what the analyzer does not check: the namespaces public
/// types may live in, the key signatures and defaults api.md names. The surface it documented:
/// the public surface of the KenyaSms assembly is exactly the contract of api.md sections 1-6, the core part of 7 (delivery reports), 8a (cancellation), 8b (the send ledger) and the Africa's Talking adapter of 10 (with its delivery-report failure reasons, AfricasTalkingFailureReasons), plus the
/// members added on purpose (ISmsNumberLookup, which SynqtelSmsGateway and the fake implement; SmsErrorCode.Canceled, SmsStatus.MayHaveBeenSent, the SmsResilienceOptions circuit-breaker,
/// concurrency and MaxResponseBytes settings, the gateways' HttpClientName constants,
/// SynqtelSmsGateway.MaxSegments, SmsGatewayExtensions.SendBatchStreamAsync (docs/streaming.md), the health check
/// (KenyaSmsHealthCheckOptions, KenyaSmsHealthChecksBuilderExtensions), public constructors of the result, exception, lookup and delivery-report types, and
/// log-safe ToString overrides). Everything else is internal.
/// </summary>
public class PublicApiTests
{
    private static readonly Assembly Library = typeof(ISmsGateway).Assembly;

    [Fact]
    public void ExportedTypes_LiveInTheFiveContractNamespaces()
    {
        string[] namespaces = [.. Library.GetExportedTypes().Select(t => t.Namespace!).Distinct().Order(StringComparer.Ordinal)];

        Assert.Equal(["KenyaSms", "KenyaSms.AfricasTalking", "KenyaSms.Qserve", "KenyaSms.Synqtel", "Microsoft.Extensions.DependencyInjection"], namespaces);
    }

    // ---- key signatures of api.md, checked directly ----

    [Fact]
    public void ISmsGateway_MembersMatchApiSection1()
    {
        Type t = typeof(ISmsGateway);

        Assert.Equal(typeof(string), t.GetProperty(nameof(ISmsGateway.Name))!.PropertyType);
        Assert.Null(t.GetProperty(nameof(ISmsGateway.Name))!.SetMethod);
        Assert.Equal(typeof(SmsGatewayCapabilities), t.GetProperty(nameof(ISmsGateway.Capabilities))!.PropertyType);
        AssertMethod(t, nameof(ISmsGateway.SendAsync), typeof(Task<SmsSendResult>), typeof(SmsMessage), typeof(CancellationToken));
        AssertMethod(t, nameof(ISmsGateway.SendBatchAsync), typeof(Task<SmsSendResult>), typeof(IEnumerable<SmsMessage>), typeof(CancellationToken));
        AssertMethod(t, nameof(ISmsGateway.GetBalanceAsync), typeof(Task<SmsBalance>), typeof(CancellationToken));
        Assert.All(t.GetMethods().Where(m => !m.IsSpecialName), m => Assert.True(m.GetParameters()[^1].IsOptional, m.Name + ": the token is optional"));
    }

    [Fact]
    public void SmsGatewayExtensions_HasTheSendAndStreamOverloads()
    {
        Type t = typeof(SmsGatewayExtensions);

        MethodInfo single = AssertMethod(t, "SendAsync", typeof(Task<SmsSendResult>), typeof(ISmsGateway), typeof(string), typeof(string), typeof(CancellationToken));
        MethodInfo many = AssertMethod(t, "SendAsync", typeof(Task<SmsSendResult>), typeof(ISmsGateway), typeof(IEnumerable<string>), typeof(string), typeof(CancellationToken));
        MethodInfo stream = AssertMethod(t, "SendBatchStreamAsync", typeof(IAsyncEnumerable<SmsRecipientResult>), typeof(ISmsGateway), typeof(IEnumerable<SmsMessage>), typeof(int), typeof(CancellationToken));
        MethodInfo asyncStream = AssertMethod(t, "SendBatchStreamAsync", typeof(IAsyncEnumerable<SmsRecipientResult>), typeof(ISmsGateway), typeof(IAsyncEnumerable<SmsMessage>), typeof(int), typeof(CancellationToken));
        Assert.All([single, many, stream, asyncStream], m => Assert.True(m.IsDefined(typeof(System.Runtime.CompilerServices.ExtensionAttribute))));
        Assert.All([stream, asyncStream], m => Assert.Equal(1000, m.GetParameters()[2].DefaultValue));
        Assert.True(t is { IsAbstract: true, IsSealed: true }); // static
    }

    [Fact]
    public void PhoneNumber_ParsingSignaturesMatchApiSection3()
    {
        Type t = typeof(PhoneNumber);

        MethodInfo span = AssertMethod(t, nameof(PhoneNumber.TryParse), typeof(bool), typeof(ReadOnlySpan<char>), typeof(PhoneNumber).MakeByRefType());
        MethodInfo text = AssertMethod(t, nameof(PhoneNumber.TryParse), typeof(bool), typeof(string), typeof(PhoneNumber).MakeByRefType());
        AssertMethod(t, nameof(PhoneNumber.Parse), typeof(PhoneNumber), typeof(string));
        Assert.All([span, text], m => Assert.True(m.IsStatic && m.GetParameters()[1].IsOut));
        Assert.True(t.IsValueType);
        Assert.True(typeof(IEquatable<PhoneNumber>).IsAssignableFrom(t));
    }

    [Fact]
    public void SmsSegmentation_AnalyzeTakesASpan()
    {
        MethodInfo analyze = AssertMethod(typeof(SmsSegmentation), nameof(SmsSegmentation.Analyze), typeof(SmsSegmentInfo), typeof(ReadOnlySpan<char>));

        Assert.True(analyze.IsStatic);
    }

    [Fact]
    public void SmsStatusMapper_MapTakesProviderCodeAndOptionalDescription()
    {
        MethodInfo map = AssertMethod(typeof(SmsStatusMapper), nameof(SmsStatusMapper.Map), typeof(SmsStatus), typeof(string), typeof(string), typeof(string));

        ParameterInfo[] p = map.GetParameters();
        Assert.Equal(["provider", "code", "description"], p.Select(x => x.Name));
        Assert.True(p[2].IsOptional);
        Assert.Null(p[2].DefaultValue);
        var nullability = new NullabilityInfoContext();
        Assert.Equal(NullabilityState.NotNull, nullability.Create(p[0]).ReadState);
        Assert.Equal(NullabilityState.Nullable, nullability.Create(p[1]).ReadState);
        Assert.Equal(NullabilityState.Nullable, nullability.Create(p[2]).ReadState);
    }

    [Fact]
    public void ISmsGatewayFactory_HasGetAndNames()
    {
        Type t = typeof(ISmsGatewayFactory);

        AssertMethod(t, nameof(ISmsGatewayFactory.Get), typeof(ISmsGateway), typeof(string));
        Assert.Equal(typeof(IReadOnlyCollection<string>), t.GetProperty(nameof(ISmsGatewayFactory.Names))!.PropertyType);
        Assert.Equal("KenyaSms", t.Namespace);
    }

    [Fact]
    public void KenyaSmsOptions_FailoverIsGetOnlyList()
    {
        PropertyInfo failover = typeof(KenyaSmsOptions).GetProperty(nameof(KenyaSmsOptions.Failover))!;

        Assert.Equal(typeof(IList<string>), failover.PropertyType);
        Assert.Null(failover.SetMethod);
        Assert.Empty(new KenyaSmsOptions().Failover);
        Assert.NotNull(new KenyaSmsOptions().Resilience);
        Assert.Null(new KenyaSmsOptions().DefaultProvider);
    }

    [Fact]
    public void Registration_ExtensionsLiveInTheDependencyInjectionNamespace()
    {
        Assert.Equal("Microsoft.Extensions.DependencyInjection", typeof(KenyaSmsServiceCollectionExtensions).Namespace);
        Assert.Equal("Microsoft.Extensions.DependencyInjection", typeof(IKenyaSmsBuilder).Namespace);
        AssertMethod(typeof(KenyaSmsServiceCollectionExtensions), "AddKenyaSms", typeof(IKenyaSmsBuilder), typeof(IServiceCollection), typeof(IConfiguration));
        MethodInfo inCode = AssertMethod(typeof(KenyaSmsServiceCollectionExtensions), "AddKenyaSms", typeof(IKenyaSmsBuilder), typeof(IServiceCollection), typeof(Action<KenyaSmsOptions>));
        Assert.True(inCode.GetParameters()[1].IsOptional);
        AssertMethod(typeof(IKenyaSmsBuilder), nameof(IKenyaSmsBuilder.AddQserve), typeof(IKenyaSmsBuilder), typeof(Action<QserveOptions>));
        AssertMethod(typeof(IKenyaSmsBuilder), nameof(IKenyaSmsBuilder.AddSynqtel), typeof(IKenyaSmsBuilder), typeof(Action<SynqtelOptions>));
    }

    [Theory]
    [InlineData(typeof(QserveSmsGateway))]
    [InlineData(typeof(SynqtelSmsGateway))]
    public void Gateways_AreSealedAndConstructibleOnlyThroughDependencyInjection(Type gateway)
    {
        Assert.True(gateway.IsSealed);
        Assert.True(typeof(ISmsGateway).IsAssignableFrom(gateway));
        Assert.Empty(gateway.GetConstructors()); // no public constructor
        Assert.NotEmpty(gateway.GetConstructors(BindingFlags.NonPublic | BindingFlags.Instance));
    }

    [Fact]
    public void ProviderConstants_HaveTheDocumentedValues()
    {
        Assert.Equal("qserve", QserveSmsGateway.ProviderName);
        Assert.Equal("synqtel", SynqtelSmsGateway.ProviderName);
        Assert.Equal("KenyaSms.Qserve", QserveSmsGateway.HttpClientName);
        Assert.Equal("KenyaSms.Synqtel", SynqtelSmsGateway.HttpClientName);
        Assert.Equal(6, SynqtelSmsGateway.MaxSegments);
    }

    [Fact]
    public void Options_HaveTheDocumentedDefaults()
    {
        var q = new QserveOptions();
        Assert.Equal("254sms", q.SenderId);
        Assert.Equal(new Uri("https://api.qserve.co.ke/version1/"), q.BaseAddress);
        Assert.Equal(500, q.MaxRecipientsPerRequest);
        Assert.Equal(6, q.MaxSegments);

        var s = new SynqtelOptions();
        Assert.Equal(0, s.ServiceId);
        Assert.Equal(new Uri("https://api.synqtel.com/sms/"), s.BaseAddress);
        Assert.Equal(500, s.MaxMessagesPerRequest);

        var r = new SmsResilienceOptions();
        Assert.Equal(3, r.MaxRetryAttempts);
        Assert.Equal(TimeSpan.FromSeconds(1), r.BaseDelay);
        Assert.Equal(TimeSpan.FromSeconds(10), r.AttemptTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), r.TotalTimeout);
        Assert.False(r.RetryAmbiguousSends);
    }

    [Fact]
    public void SmsGatewayCapabilities_HasTheDocumentedFlagValues()
    {
        Assert.True(typeof(SmsGatewayCapabilities).IsDefined(typeof(FlagsAttribute)));
        Assert.Equal(
            [0, 1, 2, 4, 8, 16, 32],
            Enum.GetValues<SmsGatewayCapabilities>().Select(v => (int)v));
    }

    [Fact]
    public void SmsGatewayException_IsAnUnsealedException()
    {
        Assert.Equal(typeof(Exception), typeof(SmsGatewayException).BaseType);
        Assert.False(typeof(SmsGatewayException).IsSealed);
        Assert.Equal(typeof(System.Net.HttpStatusCode?), typeof(SmsGatewayException).GetProperty(nameof(SmsGatewayException.HttpStatusCode))!.PropertyType);
    }

    private static MethodInfo AssertMethod(Type type, string name, Type returnType, params Type[] parameters)
    {
        MethodInfo? method = type.GetMethod(name, parameters);
        Assert.True(method is not null, $"{type.Name}.{name}({string.Join(", ", parameters.Select(p => p.Name))}) is missing");
        Assert.Equal(returnType, method.ReturnType);
        Assert.True(method.IsPublic);
        return method;
    }
}
