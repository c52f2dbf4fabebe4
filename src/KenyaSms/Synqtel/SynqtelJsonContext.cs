using System.Text.Json.Serialization;
using KenyaSms.Synqtel.Wire;

namespace KenyaSms.Synqtel;

/// <summary>Source-generated JSON for the Synqtel request bodies (responses are read by <see cref="SynqtelResponseReader"/>).</summary>
[JsonSerializable(typeof(SynqtelSendRequest))]
[JsonSerializable(typeof(SynqtelSendMultipleRequest))]
internal sealed partial class SynqtelJsonContext : JsonSerializerContext;
