namespace KenyaSms.Simulator.Internal;

/// <summary>One provider's API: its answers, its error shapes, and what its garbled answers look like.</summary>
internal abstract class ProviderApi
{
    protected ProviderApi(SimulatorState state, SimulatorProvider provider, string pathPrefix, byte[] malformedBody, byte[] unprocessedTruncationSource)
    {
        State = state;
        Provider = provider;
        PathPrefix = pathPrefix;
        MalformedBody = malformedBody;
        UnprocessedTruncationSource = unprocessedTruncationSource;
    }

    public SimulatorProvider Provider { get; }

    /// <summary>The path the provider's endpoints live under, e.g. <c>/sms</c>.</summary>
    public string PathPrefix { get; }

    /// <summary>What <see cref="SimulatorFaultKind.MalformedJson"/> sends: not JSON by any reader's standard.</summary>
    public byte[] MalformedBody { get; }

    /// <summary>What <see cref="SimulatorFaultKind.TruncatedJson"/> cuts when the request was not processed.</summary>
    public byte[] UnprocessedTruncationSource { get; }

    protected SimulatorState State { get; }

    /// <summary>Handles a request in full; called under <see cref="SimulatorState.Gate"/>, never throws for bad input.</summary>
    public abstract ProviderReply Handle(IncomingRequest request);

    /// <summary>The provider's error for <paramref name="code"/>, shaped as the request's endpoint shapes its errors.</summary>
    public abstract ProviderReply Refusal(IncomingRequest request, string code);

    /// <summary>The answer when the simulator itself fails (a bug): provider-shaped, never a stack trace.</summary>
    public abstract ProviderReply InternalError();
}
