using System.Text.Json;
using System.Text.Json.Serialization;

namespace KenyaSms.Simulator.Control;

/// <summary>Source-generated JSON for the control API: camelCase, enums as kebab-case strings ("qserve", "answered"), unknown fields refused.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    Converters = [typeof(KebabCaseEnumConverter<SimulatorProvider>), typeof(KebabCaseEnumConverter<SimulatorRequestOutcome>)])]
[JsonSerializable(typeof(IReadOnlyList<SimulatorMessage>))]
[JsonSerializable(typeof(IReadOnlyList<SimulatorRequest>))]
[JsonSerializable(typeof(IReadOnlyList<SimulatorDeliveryReport>))]
[JsonSerializable(typeof(IReadOnlyList<FaultView>))]
[JsonSerializable(typeof(FaultSpec))]
[JsonSerializable(typeof(CreditsUpdate))]
[JsonSerializable(typeof(ControlError))]
[JsonSerializable(typeof(Dictionary<string, decimal>))]
internal sealed partial class SimulatorJsonContext : JsonSerializerContext;

/// <summary>Enum values as kebab-case strings.</summary>
internal sealed class KebabCaseEnumConverter<TEnum> : JsonStringEnumConverter<TEnum>
    where TEnum : struct, Enum
{
    public KebabCaseEnumConverter()
        : base(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false)
    {
    }
}
