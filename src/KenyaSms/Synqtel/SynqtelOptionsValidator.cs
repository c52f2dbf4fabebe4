using KenyaSms.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace KenyaSms.Synqtel;

/// <summary>Validates <see cref="SynqtelOptions"/> at start-up; messages name the setting path, never a secret.</summary>
internal sealed class SynqtelOptionsValidator : IValidateOptions<SynqtelOptions>
{
    private static readonly string[] Keys =
    [
        nameof(SynqtelOptions.ApiKey), nameof(SynqtelOptions.SenderName), nameof(SynqtelOptions.ServiceId), nameof(SynqtelOptions.BaseAddress),
        nameof(SynqtelOptions.MaxMessagesPerRequest), nameof(SynqtelOptions.MaxMessagesPerSecond),
    ];

    private readonly string _path;
    private readonly IConfiguration? _section;

    public SynqtelOptionsValidator(string path, IConfiguration? section)
    {
        _path = path;
        _section = section;
    }

    public ValidateOptionsResult Validate(string? name, SynqtelOptions options)
    {
        var failures = new List<string>();
        OptionsChecks.UnknownKeys(_section, _path, Keys, failures);
        OptionsChecks.Secret(options.ApiKey, _path + ":ApiKey", failures);
        OptionsChecks.SenderId(options.SenderName, _path + ":SenderName", failures);
        OptionsChecks.Range(options.ServiceId, 0, int.MaxValue, _path + ":ServiceId", failures);
        OptionsChecks.BaseAddress(options.BaseAddress, _path + ":BaseAddress", failures);
        OptionsChecks.Range(options.MaxMessagesPerRequest, 1, 10_000, _path + ":MaxMessagesPerRequest", failures);
        OptionsChecks.RatePerSecond(options.MaxMessagesPerSecond, _path + ":MaxMessagesPerSecond", failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
