using KenyaSms.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KenyaSms.AspNetCore;

/// <summary>Validates <see cref="DeliveryReportEndpointOptions"/> at start-up; messages never show a secret.</summary>
internal sealed class DeliveryReportEndpointOptionsValidator : IValidateOptions<DeliveryReportEndpointOptions>
{
    public const int MinSecretLength = 16;

    private const string Path = nameof(DeliveryReportEndpointOptions);

    public ValidateOptionsResult Validate(string? name, DeliveryReportEndpointOptions options)
    {
        var failures = new List<string>();
        if (options.Secrets.Count is < 1 or > 2)
        {
            failures.Add($"{Path}.Secrets must hold one secret, or two while rotating; it holds {options.Secrets.Count}.");
        }

        for (int i = 0; i < options.Secrets.Count; i++)
        {
            string? secret = options.Secrets[i];
            if (string.IsNullOrEmpty(secret))
            {
                failures.Add($"{Path}.Secrets[{i}] is empty.");
            }
            else if (secret.Length < MinSecretLength)
            {
                failures.Add($"{Path}.Secrets[{i}] is too short: it needs at least {MinSecretLength} characters (value not shown).");
            }
            else if (!secret.All(IsUrlSafe))
            {
                failures.Add($"{Path}.Secrets[{i}] may hold only letters, digits, '-', '.', '_' and '~', as it travels in a URL (value not shown).");
            }
        }

        OptionsChecks.Range(options.MaxBodyBytes, 256, 1024 * 1024, Path + ".MaxBodyBytes", failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // RFC 3986 unreserved characters: the same in a path, a header and a configuration file.
    private static bool IsUrlSafe(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~';
}
