using KenyaSms.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace KenyaSms.Qserve;

/// <summary>Validates <see cref="QserveOptions"/> at start-up; messages name the setting path, never a secret.</summary>
internal sealed class QserveOptionsValidator : IValidateOptions<QserveOptions>
{
    private static readonly string[] Keys =
    [
        nameof(QserveOptions.Username), nameof(QserveOptions.ApiKey), nameof(QserveOptions.SenderId), nameof(QserveOptions.BaseAddress),
        nameof(QserveOptions.MaxRecipientsPerRequest), nameof(QserveOptions.MaxSegments), nameof(QserveOptions.MaxMessagesPerSecond),
    ];

    private readonly string _path;
    private readonly IConfiguration? _section;

    public QserveOptionsValidator(string path, IConfiguration? section)
    {
        _path = path;
        _section = section;
    }

    public ValidateOptionsResult Validate(string? name, QserveOptions options)
    {
        var failures = new List<string>();
        OptionsChecks.UnknownKeys(_section, _path, Keys, failures);
        OptionsChecks.Required(options.Username, _path + ":Username", failures);
        OptionsChecks.Secret(options.ApiKey, _path + ":ApiKey", failures);
        OptionsChecks.SenderId(options.SenderId, _path + ":SenderId", failures);
        OptionsChecks.BaseAddress(options.BaseAddress, _path + ":BaseAddress", failures);
        OptionsChecks.Range(options.MaxRecipientsPerRequest, 1, 10_000, _path + ":MaxRecipientsPerRequest", failures);
        OptionsChecks.Range(options.MaxSegments, 1, 20, _path + ":MaxSegments", failures);
        OptionsChecks.RatePerSecond(options.MaxMessagesPerSecond, _path + ":MaxMessagesPerSecond", failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
