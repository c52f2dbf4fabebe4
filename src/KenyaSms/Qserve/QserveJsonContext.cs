using System.Text.Json.Serialization;
using KenyaSms.Qserve.Wire;

namespace KenyaSms.Qserve;

/// <summary>Source-generated JSON for the 254sms request bodies (responses are read by <see cref="QserveResponseReader"/>).</summary>
[JsonSerializable(typeof(QserveSendRequest))]
[JsonSerializable(typeof(QserveCreditsRequest))]
internal sealed partial class QserveJsonContext : JsonSerializerContext;
