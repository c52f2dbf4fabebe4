using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace KenyaSms.Sending;

/// <summary>
/// What a provider supplies to the shared sending core (<see cref="SmsGatewayCore{TOptions}"/>): its limits, how its
/// requests are cut and built, and how its replies read as provider-neutral outcomes. Everything else (validating and
/// preparing messages, de-duplicating, chunking, concurrency, request tracking for "may have been sent", error mapping,
/// matching replies to recipients, logging, telemetry, the ledger and the policies) is the core's.
/// </summary>
/// <typeparam name="TOptions">The provider's options.</typeparam>
internal abstract class SmsProtocol<TOptions>
    where TOptions : class
{
    /// <summary>The provider key (<c>"qserve"</c>, <c>"synqtel"</c> ...).</summary>
    public abstract string Provider { get; }

    /// <summary>The name of the provider's HttpClient.</summary>
    public abstract string HttpClientName { get; }

    /// <summary>
    /// True when a request carries one text to many numbers (a new message starts a new request); false when it
    /// carries personalised entries, one sender name a request.
    /// </summary>
    public abstract bool OneMessagePerRequest { get; }

    /// <summary>The API key, masked wherever a provider echoes it into an exception message.</summary>
    public abstract string? Secret(TOptions options);

    /// <summary>Adds the provider's authentication headers (none when credentials travel in the body).</summary>
    public virtual void Authenticate(HttpRequestHeaders headers, TOptions options)
    {
    }

    /// <summary>The sender ID of a message that names none (<c>""</c>: the provider's own default).</summary>
    public abstract string DefaultSender(TOptions options);

    /// <summary>The longest text the provider accepts, in segments.</summary>
    public abstract int MaxSegments(TOptions options);

    /// <summary>The most entries (numbers, or personalised messages) one send request carries.</summary>
    public abstract int MaxRequestSize(TOptions options);

    /// <summary>The client reference an entry of <paramref name="message"/> carries: the caller's by default.</summary>
    public virtual string? ClientReference(PreparedMessage message) => message.Message.ClientReference;

    /// <summary>The send request for one chunk of entries.</summary>
    public abstract ProviderRequest SendRequest(TOptions options, SendChunk chunk);

    /// <summary>Reads a 2xx send reply; throws <see cref="Json.InvalidProviderResponseException"/> when it is unreadable.</summary>
    public abstract SendReply ReadSend(JsonElement root);

    /// <summary>
    /// The request for one message to one number (<paramref name="e164"/>, its only distinct number) without a client
    /// reference, sent without the batch bookkeeping; null (the default) sends it as a one-entry chunk of
    /// <see cref="SendRequest"/>.
    /// </summary>
    public virtual ProviderRequest? SingleRequest(TOptions options, PreparedMessage message, string e164) => null;

    /// <summary>Reads the reply to <see cref="SingleRequest"/>: its one recipient, or a refusal.</summary>
    public virtual SendReply ReadSingle(JsonElement root) => ReadSend(root);

    /// <summary>The balance request.</summary>
    public abstract ProviderRequest BalanceRequest(TOptions options);

    /// <summary>Reads a 2xx balance reply.</summary>
    public abstract BalanceReply ReadBalance(JsonElement root);

    /// <summary>
    /// The provider status a non-2xx body carries, if it carries one the provider documents; null lets the HTTP status
    /// decide. May throw <see cref="Json.InvalidProviderResponseException"/> for a body that is not the provider's.
    /// </summary>
    public abstract SmsStatus? ReadErrorBody(HttpStatusCode status, ReadOnlyMemory<byte> body);

    /// <summary>
    /// The retry rule's question about a 2xx body: does it say "not accepted, try later"? Null (the default) when the
    /// provider never answers that way with a 2xx.
    /// </summary>
    public virtual Func<JsonElement, bool>? IsTransientReply => null;
}
