using KenyaSms.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace KenyaSms.AfricasTalking;

/// <summary>Start-up checks of <see cref="AfricasTalkingOptions"/>; every message names the setting's path.</summary>
internal sealed class AfricasTalkingOptionsValidator : IValidateOptions<AfricasTalkingOptions>
{
    private const string SandboxUsername = "sandbox";

    private static readonly string[] Keys =
    [
        nameof(AfricasTalkingOptions.Username), nameof(AfricasTalkingOptions.ApiKey), nameof(AfricasTalkingOptions.SenderId),
        nameof(AfricasTalkingOptions.Sandbox), nameof(AfricasTalkingOptions.BaseAddress), nameof(AfricasTalkingOptions.MaxRecipientsPerRequest),
        nameof(AfricasTalkingOptions.MaxSegments), nameof(AfricasTalkingOptions.Enqueue), nameof(AfricasTalkingOptions.MaxMessagesPerSecond),
    ];

    private readonly string _path;
    private readonly IConfiguration? _section;

    public AfricasTalkingOptionsValidator(string path, IConfiguration? section)
    {
        _path = path;
        _section = section;
    }

    public ValidateOptionsResult Validate(string? name, AfricasTalkingOptions options)
    {
        var failures = new List<string>();
        OptionsChecks.UnknownKeys(_section, _path, Keys, failures);
        OptionsChecks.Required(options.Username, _path + ":Username", failures);
        OptionsChecks.Secret(options.ApiKey, _path + ":ApiKey", failures);
        if (options.SenderId is not null)
        {
            OptionsChecks.SenderId(options.SenderId, _path + ":SenderId", failures);
        }

        if (options.Sandbox && !string.IsNullOrWhiteSpace(options.Username) && options.Username != SandboxUsername)
        {
            failures.Add($"{_path}:Username is '{options.Username}' but {_path}:Sandbox is true: Africa's Talking's sandbox accepts only the username 'sandbox'.");
        }

        OptionsChecks.BaseAddress(options.EffectiveBaseAddress, _path + ":BaseAddress", failures);
        OptionsChecks.Range(options.MaxRecipientsPerRequest, 1, 10_000, _path + ":MaxRecipientsPerRequest", failures);
        OptionsChecks.Range(options.MaxSegments, 1, 20, _path + ":MaxSegments", failures);
        OptionsChecks.RatePerSecond(options.MaxMessagesPerSecond, _path + ":MaxMessagesPerSecond", failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
