using Microsoft.Extensions.Configuration;

namespace KenyaSms.Cli.Hosting;

/// <summary>
/// Reads the settings the library reads, with the same keys: an optional JSON file (<c>--config</c>, else
/// <c>kenyasms.json</c> in the current folder), then environment variables (<c>KenyaSms__Synqtel__ApiKey</c>, ...),
/// which win.
/// </summary>
internal static class CliConfiguration
{
    /// <summary>The file read when <c>--config</c> is not given, if it exists.</summary>
    public const string DefaultFileName = "kenyasms.json";

    /// <summary>The section bound by <c>AddKenyaSms</c>.</summary>
    public const string SectionName = "KenyaSms";

    /// <summary>Builds the configuration.</summary>
    /// <param name="context">The environment and current folder.</param>
    /// <param name="configPath">The <c>--config</c> value, or null.</param>
    /// <returns>The configuration root.</returns>
    /// <exception cref="CliException">The file is missing (exit 5) or is not valid JSON (exit 3).</exception>
    public static IConfigurationRoot Load(CliContext context, string? configPath)
    {
        var builder = new ConfigurationBuilder();
        string? file = null;
        if (configPath is not null)
        {
            file = context.FullPath(configPath);
            if (!File.Exists(file))
            {
                throw new CliException(ExitCodes.MissingFile, $"The configuration file '{file}' does not exist.");
            }
        }
        else if (File.Exists(Path.Combine(context.CurrentDirectory, DefaultFileName)))
        {
            file = Path.Combine(context.CurrentDirectory, DefaultFileName);
        }

        if (file is not null)
        {
            builder.AddJsonFile(file, optional: false, reloadOnChange: false);
        }

        // As the environment-variable provider does: "__" separates sections. Only our section matters.
        var variables = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach ((string name, string? value) in context.Environment)
        {
            if (name.StartsWith(SectionName + "__", StringComparison.OrdinalIgnoreCase))
            {
                variables[name.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal)] = value;
            }
        }

        builder.AddInMemoryCollection(variables);
        try
        {
            return builder.Build();
        }
        catch (Exception e) when (e is InvalidDataException or FormatException)
        {
            throw new CliException(ExitCodes.Configuration, $"The configuration file '{file}' could not be read: {Explain(e)}");
        }
    }

    // "Failed to load configuration from file" says nothing a person can fix: where the JSON breaks, and how.
    private static string Explain(Exception e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is System.Text.Json.JsonException { LineNumber: { } line, BytePositionInLine: { } position } json)
            {
                // The reader's message ends with "LineNumber: 2 | BytePositionInLine: 5." (zero-based): said once, in words.
                int at = json.Message.IndexOf(" LineNumber:", StringComparison.Ordinal);
                string what = (at < 0 ? json.Message : json.Message[..at]).Trim();
                return $"it is not valid JSON at line {line + 1}, position {position + 1}: {what}";
            }
        }

        return e.InnerException is { } cause ? $"{e.Message} {cause.Message}" : e.Message;
    }
}
