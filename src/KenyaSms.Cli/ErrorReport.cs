using Microsoft.Extensions.Options;

namespace KenyaSms.Cli;

/// <summary>
/// Turns a failure into a message for the operator and an exit code. Messages come from the library, which never
/// puts a key in them, or from the tool; a stack trace only with --verbose.
/// </summary>
internal static class ErrorReport
{
    private const string MayHaveBeenSent = "  The message MAY HAVE BEEN SENT: check delivery (or the provider's portal) before sending it again.";

    /// <summary>The exit code a failure ends the process with.</summary>
    /// <param name="exception">The failure.</param>
    /// <returns>See <see cref="ExitCodes"/>.</returns>
    public static int ExitCodeOf(Exception exception) => exception switch
    {
        CliException e => e.ExitCode,
        OptionsValidationException => ExitCodes.Configuration,
        SmsGatewayException { Error: SmsErrorCode.InvalidCredentials or SmsErrorCode.CredentialsNotAllowedForDomain or SmsErrorCode.InvalidUserToken } => ExitCodes.Configuration,
        SmsGatewayException => ExitCodes.Gateway,
        ArgumentException => ExitCodes.BadInput,
        System.Data.Common.DbException => ExitCodes.Database,
        FileNotFoundException or DirectoryNotFoundException => ExitCodes.MissingFile,
        IOException or UnauthorizedAccessException => ExitCodes.MissingFile,
        OperationCanceledException => ExitCodes.Cancelled,
        _ => ExitCodes.Unexpected,
    };

    /// <summary>Prints what failed on standard error and returns the exit code.</summary>
    /// <param name="context">Where to print.</param>
    /// <param name="exception">The failure.</param>
    /// <param name="verbose">Whether to print the stack trace too.</param>
    /// <param name="sending">Whether the failed command was a send (then say whether the message may have gone out).</param>
    /// <returns>The exit code.</returns>
    public static int Report(CliContext context, Exception exception, bool verbose, bool sending)
    {
        switch (exception)
        {
            case OptionsValidationException e:
                Output.Error(context, "the configuration is not valid:");
                foreach (string failure in e.Failures)
                {
                    Output.Line(context.Error, "  " + failure);
                }

                break;
            case SmsGatewayException e:
                Output.Error(context, e.Message);
                string code = e.ProviderCode is null ? string.Empty : $", provider code {e.ProviderCode}";
                string http = e.HttpStatusCode is { } status ? $", HTTP {(int)status}" : string.Empty;
                Output.Line(context.Error, $"  provider {e.Provider}, error {e.Error}{code}{http}{(e.IsTransient ? ", may succeed if tried again later" : string.Empty)}");
                if (sending)
                {
                    Output.Line(context.Error, e.MayHaveBeenSent ? MayHaveBeenSent : "  The message was not sent.");
                }

                break;
            case OperationCanceledException:
                Output.Error(context, "cancelled.");
                if (sending)
                {
                    // A send cancelled while a request was under way may still have reached the provider.
                    Output.Line(context.Error, MayHaveBeenSent);
                }

                break;
            case System.Data.Common.DbException:
                // Npgsql and Microsoft.Data.Sqlite never put the connection string or password in a message.
                Output.Error(context, $"the database failed: {exception.Message}");
                break;
            case CliException or ArgumentException or IOException or UnauthorizedAccessException:
                Output.Error(context, exception.Message);
                break;
            default:
                Output.Error(context, $"unexpected error: {exception.GetType().Name}: {exception.Message}{(verbose ? string.Empty : " (--verbose shows the stack trace)")}");
                break;
        }

        if (verbose)
        {
            Output.Line(context.Error, exception.ToString());
        }

        return ExitCodeOf(exception);
    }
}
