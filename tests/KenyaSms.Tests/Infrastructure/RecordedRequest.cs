using System.Text;

namespace KenyaSms.Tests.Infrastructure;

/// <summary>
/// One request as the fake provider received it, recorded only after its whole body was read.
/// </summary>
/// <param name="Index">0-based order of arrival (order in which bodies finished).</param>
/// <param name="Method">HTTP method, e.g. "POST".</param>
/// <param name="PathAndQuery">The request target exactly as sent, e.g. "/sms/mobile?mobile=7122".</param>
/// <param name="Headers">Request headers (content headers included), case-insensitive; repeated values joined with ", ".</param>
/// <param name="Body">The raw body bytes (empty when there was none).</param>
public sealed record RecordedRequest(int Index, string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    /// <summary>The path without the query, e.g. "/sms/sendsms".</summary>
    public string Path => PathAndQuery.Split('?', 2)[0];

    /// <summary>The body decoded as UTF-8.</summary>
    public string BodyText { get; } = Encoding.UTF8.GetString(Body);

    /// <summary>A header's value, or null when the request had no such header.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out string? value) ? value : null;
}
