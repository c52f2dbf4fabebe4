using System.Reflection;
using KenyaSms.Qserve;
using KenyaSms.Synqtel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KenyaSms.Tests;

/// <summary>
/// The public surface of the KenyaSms assembly is exactly the contract of api.md sections 1-6, the core part of 7 (delivery reports), 8a (cancellation), 8b (the send ledger) and the Africa's Talking adapter of 10 (with its delivery-report failure reasons, AfricasTalkingFailureReasons), plus the
/// members added on purpose (ISmsNumberLookup, which SynqtelSmsGateway and the fake implement; SmsErrorCode.Canceled, SmsStatus.MayHaveBeenSent, the SmsResilienceOptions circuit-breaker,
/// concurrency and MaxResponseBytes settings, the gateways' HttpClientName constants,
/// SynqtelSmsGateway.MaxSegments, SmsGatewayExtensions.SendBatchStreamAsync (docs/streaming.md), the health check
/// (KenyaSmsHealthCheckOptions, KenyaSmsHealthChecksBuilderExtensions), public constructors of the result, exception, lookup and delivery-report types, and
/// log-safe ToString overrides). Everything else is internal.
/// </summary>
public class PublicApiTests
{
    private static readonly Assembly Library = typeof(ISmsGateway).Assembly;

    // One block per public type: "== <kind> <full name>" then its public members (see PublicApiSurface).
    private const string Contract = """
        == sealed class KenyaSms.DeliveryReport
        DateTimeOffset? DeliveredAt { get; }
        DeliveryStatus Status { get; }
        MobileNetwork Network { get; }
        ctor(string provider, string messageId, string phoneNumber, DeliveryStatus status, string providerStatus, string? providerDescription = default, DateTimeOffset? deliveredAt = default, string? senderId = default, MobileNetwork network = MobileNetwork.Unknown)
        string MessageId { get; }
        string PhoneNumber { get; }
        string Provider { get; }
        string ProviderStatus { get; }
        string ToString()
        string? ProviderDescription { get; }
        string? SenderId { get; }
        == static class KenyaSms.DeliveryReportParser
        static bool TryParse(string provider, ReadOnlySpan<byte> body, string? contentType, out DeliveryReport? report)
        static bool TryParse(string provider, ReadOnlySpan<byte> utf8Json, out DeliveryReport? report)
        == enum KenyaSms.DeliveryStatus
        Unknown
        Submitted
        Delivered
        Failed
        Expired
        Rejected
        == interface KenyaSms.ISmsGateway
        SmsGatewayCapabilities Capabilities { get; }
        Task<SmsBalance> GetBalanceAsync(CancellationToken cancellationToken = default)
        Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken = default)
        Task<SmsSendResult> SendBatchAsync(IEnumerable<SmsMessage> messages, CancellationToken cancellationToken = default)
        string Name { get; }
        == interface KenyaSms.ISmsGatewayFactory
        IReadOnlyCollection<string> Names { get; }
        ISmsGateway Get(string name)
        == interface KenyaSms.ISmsNumberLookup
        Task<PhoneNumberLookup> LookupAsync(string mobile, CancellationToken cancellationToken = default)
        == interface KenyaSms.ISmsSuppressionList
        Task SuppressAsync(PhoneNumber number, string reason, CancellationToken cancellationToken = default)
        Task UnsuppressAsync(PhoneNumber number, CancellationToken cancellationToken = default)
        Task<IReadOnlyCollection<PhoneNumber>> FindSuppressedAsync(IReadOnlyCollection<PhoneNumber> numbers, CancellationToken cancellationToken = default)
        == interface KenyaSms.ISmsSendLedger
        Task<IReadOnlyDictionary<SmsLedgerState, long>> SummarizeAsync(string keyPrefix, CancellationToken cancellationToken = default)
        Task<IReadOnlyList<SmsLedgerEntry>> ClaimAsync(IReadOnlyList<SmsLedgerEntry> claims, DateTimeOffset now, CancellationToken cancellationToken = default)
        Task<bool> MarkSentAsync(string key, string phoneNumber, string provider, string? messageId, CancellationToken cancellationToken = default)
        Task<bool> ReleaseAsync(string key, string phoneNumber, CancellationToken cancellationToken = default)
        Task<int> RecordAsync(IReadOnlyList<SmsLedgerEntry> outcomes, CancellationToken cancellationToken = default)
        Task<long> PurgeAsync(DateTimeOffset updatedBefore, CancellationToken cancellationToken = default)
        == sealed class KenyaSms.KenyaSmsHealthCheckOptions
        TimeSpan CacheDuration { get; set; }
        ctor()
        decimal DegradedBelowCredits { get; set; }
        string? Provider { get; set; }
        == sealed class KenyaSms.KenyaSmsOptions
        IList<string> Failover { get; }
        SmsResilienceOptions Resilience { get; set; }
        SmsSafeModeOptions SafeMode { get; set; }
        ctor()
        string ToString()
        string? DefaultProvider { get; set; }
        == enum KenyaSms.MobileNetwork
        Unknown
        Safaricom
        Airtel
        Telkom
        Equitel
        Faiba
        HomelandMedia
        MobilePay
        SemaMobile
        Infura
        NrgMedia
        == readonly struct KenyaSms.PhoneNumber
        MobileNetwork Network { get; }
        bool Equals(PhoneNumber other)
        bool Equals(object? obj)
        int GetHashCode()
        static PhoneNumber Parse(string value)
        static bool TryParse(ReadOnlySpan<char> value, out PhoneNumber number)
        static bool TryParse(string? value, out PhoneNumber number)
        static bool op_Equality(PhoneNumber left, PhoneNumber right)
        static bool op_Inequality(PhoneNumber left, PhoneNumber right)
        string E164 { get; }
        string Msisdn { get; }
        string National { get; }
        string ToString()
        == static class KenyaSms.AfricasTalking.AfricasTalkingFailureReasons
        const string DeliveryFailure
        const string DoNotDisturbRejection
        const string InsufficientCredit
        const string InvalidLinkId
        const string NotNetworkSubscriber
        const string UserAccountSuspended
        const string UserDoesNotExist
        const string UserInBlackList
        const string UserIsInactive
        const string UserNotSubscribedToProduct
        == sealed class KenyaSms.AfricasTalking.AfricasTalkingOptions
        Uri? BaseAddress { get; set; }
        bool Enqueue { get; set; }
        bool Sandbox { get; set; }
        ctor()
        int MaxRecipientsPerRequest { get; set; }
        int MaxSegments { get; set; }
        int? MaxMessagesPerSecond { get; set; }
        static readonly Uri LiveAddress
        static readonly Uri SandboxAddress
        string ApiKey { get; set; }
        string ToString()
        string Username { get; set; }
        string? SenderId { get; set; }
        == sealed class KenyaSms.AfricasTalking.AfricasTalkingSmsGateway
        SmsGatewayCapabilities Capabilities { get; }
        Task<SmsBalance> GetBalanceAsync(CancellationToken cancellationToken = default)
        Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken = default)
        Task<SmsSendResult> SendBatchAsync(IEnumerable<SmsMessage> messages, CancellationToken cancellationToken = default)
        const string HttpClientName
        const string ProviderName
        string Name { get; }
        == sealed class KenyaSms.Qserve.QserveOptions
        Uri BaseAddress { get; set; }
        ctor()
        int MaxRecipientsPerRequest { get; set; }
        int MaxSegments { get; set; }
        int? MaxMessagesPerSecond { get; set; }
        string ApiKey { get; set; }
        string SenderId { get; set; }
        string ToString()
        string Username { get; set; }
        == sealed class KenyaSms.Qserve.QserveSmsGateway
        SmsGatewayCapabilities Capabilities { get; }
        Task<SmsBalance> GetBalanceAsync(CancellationToken cancellationToken = default)
        Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken = default)
        Task<SmsSendResult> SendBatchAsync(IEnumerable<SmsMessage> messages, CancellationToken cancellationToken = default)
        const string HttpClientName
        const string ProviderName
        string Name { get; }
        == sealed record KenyaSms.SmsBalance
        SmsBalance <Clone>$()
        bool Equals(SmsBalance? other)
        bool Equals(object? obj)
        ctor(string Provider, decimal Credits)
        decimal Credits { get; init; }
        int GetHashCode()
        static bool op_Equality(SmsBalance? left, SmsBalance? right)
        static bool op_Inequality(SmsBalance? left, SmsBalance? right)
        string Provider { get; init; }
        string ToString()
        string? Currency { get; init; }
        void Deconstruct(out string Provider, out decimal Credits)
        == enum KenyaSms.SmsEncoding
        Gsm7
        Ucs2
        == enum KenyaSms.SmsErrorCode
        None
        MissingParameters
        InvalidCredentials
        CredentialsNotAllowedForDomain
        InvalidUserToken
        InvalidSenderId
        NetworkNotAllowed
        InvalidPhoneNumber
        InsufficientCredits
        ProviderInternalError
        AccountSuspended
        DoNotDisturb
        IpNotAllowed
        UnsupportedDataType
        UnsupportedRequestType
        Transport
        InvalidResponse
        Unknown
        OutcomeUnknown
        Canceled
        LedgerUnavailable
        IdempotencyConflict
        Suppressed
        RiskHold
        OptedOut
        == [Flags] enum KenyaSms.SmsGatewayCapabilities
        None
        Bulk
        PersonalizedBatch
        ClientReference
        DeliveryReports
        NumberLookup
        Balance
        == class KenyaSms.SmsGatewayException
        HttpStatusCode? HttpStatusCode { get; }
        SmsErrorCode Error { get; }
        bool IsTransient { get; }
        bool MayHaveBeenSent { get; }
        ctor()
        ctor(string message)
        ctor(string message, Exception? innerException)
        ctor(string provider, SmsErrorCode error, string message, string? providerCode = default, HttpStatusCode? httpStatusCode = default, bool isTransient = false, bool mayHaveBeenSent = false, Exception? innerException = default)
        string Provider { get; }
        string? ProviderCode { get; }
        == static class KenyaSms.SmsGatewayExtensions
        static IAsyncEnumerable<SmsRecipientResult> SendBatchStreamAsync(this ISmsGateway gateway, IAsyncEnumerable<SmsMessage> messages, int windowSize = 1000, CancellationToken cancellationToken = default)
        static IAsyncEnumerable<SmsRecipientResult> SendBatchStreamAsync(this ISmsGateway gateway, IEnumerable<SmsMessage> messages, int windowSize = 1000, CancellationToken cancellationToken = default)
        static SmsSendEstimate Estimate(this ISmsGateway gateway, IEnumerable<SmsMessage> messages)
        static Task<SmsSendResult> SendAsync(this ISmsGateway gateway, IEnumerable<string> to, string text, CancellationToken cancellationToken = default)
        static Task<SmsSendResult> SendAsync(this ISmsGateway gateway, string to, string text, CancellationToken cancellationToken = default)
        == sealed record KenyaSms.SmsLedgerEntry
        DateTimeOffset LeaseExpires { get; init; }
        DateTimeOffset UpdatedAt { get; init; }
        SmsErrorCode Error { get; init; }
        SmsLedgerEntry <Clone>$()
        SmsLedgerState State { get; init; }
        bool Equals(SmsLedgerEntry? other)
        bool Equals(object? obj)
        ctor(string Key, string PhoneNumber, SmsLedgerState State, string ContentHash, string Token)
        decimal? Cost { get; init; }
        int GetHashCode()
        static bool op_Equality(SmsLedgerEntry? left, SmsLedgerEntry? right)
        static bool op_Inequality(SmsLedgerEntry? left, SmsLedgerEntry? right)
        string ContentHash { get; init; }
        string Key { get; init; }
        string PhoneNumber { get; init; }
        string ToString()
        string Token { get; init; }
        string? MessageId { get; init; }
        string? Provider { get; init; }
        string? StatusCode { get; init; }
        void Deconstruct(out string Key, out string PhoneNumber, out SmsLedgerState State, out string ContentHash, out string Token)
        == enum KenyaSms.SmsLedgerState
        Sending
        Sent
        Rejected
        NotSent
        Uncertain
        == sealed class KenyaSms.SmsMessage
        IReadOnlyList<string> To { get; }
        bool BypassSuppression { get; init; }
        ctor(IEnumerable<string> to, string text)
        ctor(string to, string text)
        string Text { get; }
        string ToString()
        string? ClientReference { get; init; }
        string? IdempotencyKey { get; init; }
        string? SenderId { get; init; }
        == sealed class KenyaSms.SmsRecipientResult
        MobileNetwork Network { get; }
        SmsStatus Status { get; }
        bool IsAccepted { get; }
        bool IsReplay { get; }
        ctor(string phoneNumber, SmsStatus status, string? messageId = default, string? clientReference = default, decimal? cost = default, MobileNetwork network = MobileNetwork.Unknown)
        decimal? Cost { get; }
        string PhoneNumber { get; }
        string ToString()
        string? ClientReference { get; }
        string? MessageId { get; }
        == sealed class KenyaSms.SmsResilienceOptions
        TimeSpan AttemptTimeout { get; set; }
        TimeSpan BaseDelay { get; set; }
        TimeSpan CancellationGracePeriod { get; set; }
        TimeSpan CircuitBreakerBreakDuration { get; set; }
        TimeSpan CircuitBreakerSamplingDuration { get; set; }
        TimeSpan TotalTimeout { get; set; }
        bool RetryAmbiguousSends { get; set; }
        ctor()
        double CircuitBreakerFailureRatio { get; set; }
        int CircuitBreakerMinimumThroughput { get; set; }
        int MaxConcurrentRequests { get; set; }
        int MaxResponseBytes { get; set; }
        int MaxRetryAttempts { get; set; }
        string ToString()
        == static class KenyaSms.SmsSegmentation
        static SmsSegmentInfo Analyze(ReadOnlySpan<char> text)
        == readonly record struct KenyaSms.SmsSegmentInfo
        SmsEncoding Encoding { get; init; }
        bool Equals(SmsSegmentInfo other)
        bool Equals(object obj)
        ctor(SmsEncoding Encoding, int Units, int Segments, int RemainingUnits)
        int GetHashCode()
        int RemainingUnits { get; init; }
        int Segments { get; init; }
        int Units { get; init; }
        static bool op_Equality(SmsSegmentInfo left, SmsSegmentInfo right)
        static bool op_Inequality(SmsSegmentInfo left, SmsSegmentInfo right)
        string ToString()
        void Deconstruct(out SmsEncoding Encoding, out int Units, out int Segments, out int RemainingUnits)
        == class KenyaSms.SmsSendCanceledException
        SmsSendResult? PartialResult { get; }
        bool MayHaveBeenSent { get; }
        ctor()
        ctor(string message)
        ctor(string message, Exception? innerException)
        ctor(string provider, string message, bool mayHaveBeenSent, SmsSendResult? partialResult, Exception? innerException = default, CancellationToken cancellationToken = default)
        string Provider { get; }
        == sealed record KenyaSms.SmsSendEstimate
        SmsSendEstimate <Clone>$()
        bool Equals(SmsSendEstimate? other)
        bool Equals(object? obj)
        ctor(string Provider, int Messages, int Recipients, int InvalidRecipients, int Segments, decimal Credits)
        decimal Credits { get; init; }
        int GetHashCode()
        int InvalidRecipients { get; init; }
        int Messages { get; init; }
        int Recipients { get; init; }
        int Segments { get; init; }
        static bool op_Equality(SmsSendEstimate? left, SmsSendEstimate? right)
        static bool op_Inequality(SmsSendEstimate? left, SmsSendEstimate? right)
        string Provider { get; init; }
        string ToString()
        void Deconstruct(out string Provider, out int Messages, out int Recipients, out int InvalidRecipients, out int Segments, out decimal Credits)
        == sealed class KenyaSms.SmsSafeModeOptions
        IList<string> AllowedNumbers { get; }
        bool Enabled { get; set; }
        ctor()
        string ToString()
        == sealed class KenyaSms.SmsSendLedgerOptions
        TimeSpan Lease { get; set; }
        TimeSpan Retention { get; set; }
        ctor()
        string ToString()
        == sealed class KenyaSms.SmsSendResult
        IReadOnlyList<SmsRecipientResult> Recipients { get; }
        bool IsSuccess { get; }
        ctor(string provider, IReadOnlyList<SmsRecipientResult> recipients, decimal? creditBalance = default)
        decimal? CreditBalance { get; }
        int AcceptedCount { get; }
        int RejectedCount { get; }
        string Provider { get; }
        string ToString()
        == sealed record KenyaSms.SmsStatus
        SmsErrorCode Error { get; init; }
        SmsStatus <Clone>$()
        bool Equals(SmsStatus? other)
        bool Equals(object? obj)
        bool IsSuccess { get; init; }
        bool IsTransient { get; init; }
        bool MayHaveBeenSent { get; init; }
        ctor(string Provider, string Code, string Description, SmsErrorCode Error, bool IsSuccess, bool IsTransient)
        int GetHashCode()
        static bool op_Equality(SmsStatus? left, SmsStatus? right)
        static bool op_Inequality(SmsStatus? left, SmsStatus? right)
        string Code { get; init; }
        string Description { get; init; }
        string Provider { get; init; }
        string ToString()
        void Deconstruct(out string Provider, out string Code, out string Description, out SmsErrorCode Error, out bool IsSuccess, out bool IsTransient)
        == static class KenyaSms.SmsStatusMapper
        static SmsStatus Map(string provider, string? code, string? description = default)
        == sealed class KenyaSms.Synqtel.PhoneNumberLookup
        MobileNetwork Network { get; }
        bool IsValid { get; }
        ctor(string phoneNumber, bool isValid, MobileNetwork network, string? providerNetworkId)
        string PhoneNumber { get; }
        string ToString()
        string? ProviderNetworkId { get; }
        == sealed class KenyaSms.Synqtel.SynqtelOptions
        Uri BaseAddress { get; set; }
        ctor()
        int MaxMessagesPerRequest { get; set; }
        int ServiceId { get; set; }
        int? MaxMessagesPerSecond { get; set; }
        string ApiKey { get; set; }
        string SenderName { get; set; }
        string ToString()
        == sealed class KenyaSms.Synqtel.SynqtelSmsGateway
        SmsGatewayCapabilities Capabilities { get; }
        Task<PhoneNumberLookup> LookupAsync(string mobile, CancellationToken cancellationToken = default)
        Task<SmsBalance> GetBalanceAsync(CancellationToken cancellationToken = default)
        Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken = default)
        Task<SmsSendResult> SendBatchAsync(IEnumerable<SmsMessage> messages, CancellationToken cancellationToken = default)
        const int MaxSegments
        const string HttpClientName
        const string ProviderName
        string Name { get; }
        == interface Microsoft.Extensions.DependencyInjection.IKenyaSmsBuilder
        IKenyaSmsBuilder AddAfricasTalking(Action<AfricasTalkingOptions>? configure = default)
        IKenyaSmsBuilder AddQserve(Action<QserveOptions>? configure = default)
        IKenyaSmsBuilder AddSynqtel(Action<SynqtelOptions>? configure = default)
        IServiceCollection Services { get; }
        == static class Microsoft.Extensions.DependencyInjection.KenyaSmsHealthChecksBuilderExtensions
        static IHealthChecksBuilder AddKenyaSmsHealthCheck(this IHealthChecksBuilder builder, Action<KenyaSmsHealthCheckOptions>? configure = default, string name = "kenyasms", HealthStatus? failureStatus = default, IEnumerable<string>? tags = default, TimeSpan? timeout = default)
        static readonly TimeSpan DefaultTimeout
        == static class Microsoft.Extensions.DependencyInjection.KenyaSmsSendLedgerBuilderExtensions
        static IKenyaSmsBuilder AddInMemorySendLedger(this IKenyaSmsBuilder builder, Action<SmsSendLedgerOptions>? configure = default)
        == static class Microsoft.Extensions.DependencyInjection.KenyaSmsSuppressionListBuilderExtensions
        static IKenyaSmsBuilder AddInMemorySuppressionList(this IKenyaSmsBuilder builder)
        == static class Microsoft.Extensions.DependencyInjection.KenyaSmsServiceCollectionExtensions
        static IKenyaSmsBuilder AddKenyaSms(this IServiceCollection services, Action<KenyaSmsOptions>? configure = default)
        static IKenyaSmsBuilder AddKenyaSms(this IServiceCollection services, IConfiguration configuration)
        """;

    private static readonly Dictionary<string, (string Kind, string[] Members)> Expected = ParseContract();

    public static TheoryData<string> ContractTypes => [.. Expected.Keys];

    [Fact]
    public void ExportedTypes_AreExactlyTheContract()
    {
        string[] exported = [.. Library.GetExportedTypes().Select(t => t.FullName!).Order(StringComparer.Ordinal)];

        Assert.Equal(Expected.Keys.Order(StringComparer.Ordinal), exported);
    }

    [Fact]
    public void ExportedTypes_LiveInTheFiveContractNamespaces()
    {
        string[] namespaces = [.. Library.GetExportedTypes().Select(t => t.Namespace!).Distinct().Order(StringComparer.Ordinal)];

        Assert.Equal(["KenyaSms", "KenyaSms.AfricasTalking", "KenyaSms.Qserve", "KenyaSms.Synqtel", "Microsoft.Extensions.DependencyInjection"], namespaces);
    }

    [Fact]
    public void EveryOtherType_IsNotVisibleOutsideTheAssembly()
    {
        string[] accidental = [.. Library.GetTypes()
            .Where(t => t.IsVisible && !Expected.ContainsKey(t.FullName!))
            .Select(t => t.FullName!)];

        Assert.Empty(accidental);
        // The implementation namespaces are entirely internal.
        Assert.DoesNotContain(Library.GetTypes(), t => t.IsVisible && t.Namespace is "KenyaSms.Internal" or "KenyaSms.Resilience" or "KenyaSms.DependencyInjection"
            or "KenyaSms.Qserve.Wire" or "KenyaSms.Synqtel.Wire");
        Assert.False(typeof(KenyaSms.DependencyInjection.FailoverSmsGateway).IsVisible);
    }

    [Theory]
    [MemberData(nameof(ContractTypes))]
    public void ContractType_HasExactlyTheContractMembers(string fullName)
    {
        Type type = Library.GetType(fullName, throwOnError: true)!;
        (string kind, string[] members) = Expected[fullName];

        Assert.Equal(kind, PublicApiSurface.Kind(type));
        Assert.Equal(members, PublicApiSurface.Members(type)); // enums in value order, other members sorted
    }

    // ---- key signatures of api.md, checked directly as well ----

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

    private static Dictionary<string, (string Kind, string[] Members)> ParseContract()
    {
        var result = new Dictionary<string, (string, string[])>(StringComparer.Ordinal);
        string? current = null;
        string kind = string.Empty;
        var members = new List<string>();
        foreach (string line in Contract.Split('\n').Select(l => l.TrimEnd('\r')).Append("== end"))
        {
            if (line.StartsWith("== ", StringComparison.Ordinal))
            {
                if (current is not null)
                {
                    result.Add(current, (kind, [.. members]));
                }

                if (line == "== end")
                {
                    break;
                }

                int split = line.LastIndexOf(' ');
                kind = line[3..split];
                current = line[(split + 1)..];
                members.Clear();
            }
            else if (line.Length > 0)
            {
                members.Add(line);
            }
        }

        return result;
    }
}
