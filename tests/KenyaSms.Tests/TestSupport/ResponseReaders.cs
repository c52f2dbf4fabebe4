using KenyaSms.Qserve;
using KenyaSms.Synqtel;

namespace KenyaSms.Tests.TestSupport;

/// <summary>Every response reader by name, for tests that feed all of them the same bodies.</summary>
internal static class ResponseReaders
{
    public static readonly IReadOnlyDictionary<string, Func<byte[], object>> ByName = new Dictionary<string, Func<byte[], object>>
    {
        ["Qserve.ReadSend"] = body => QserveResponseReader.ReadSend(body),
        ["Qserve.ReadCredits"] = body => QserveResponseReader.ReadCredits(body),
        ["Synqtel.ReadSingle"] = body => SynqtelResponseReader.ReadSingle(body),
        ["Synqtel.ReadMultiple"] = body => SynqtelResponseReader.ReadMultiple(body),
        ["Synqtel.ReadBalance"] = body => SynqtelResponseReader.ReadBalance(body),
        ["Synqtel.ReadLookup"] = body => SynqtelResponseReader.ReadLookup(body),
    };

    /// <summary>"Qserve" for "Qserve.ReadSend".</summary>
    public static string Provider(string reader) => reader[..reader.IndexOf('.', StringComparison.Ordinal)];
}
