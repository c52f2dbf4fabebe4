using Microsoft.Extensions.Configuration;

namespace KenyaSms.DependencyInjection;

/// <summary>
/// Records one <c>AddKenyaSms</c> call: the configuration path its settings are named by in messages, and
/// the section it bound (null when configured in code). A section path bound twice is bound once.
/// </summary>
internal sealed record KenyaSmsSection(string Path, IConfiguration? Configuration)
{
    /// <summary>The path messages use: that of the first section bound from configuration, else <c>KenyaSms</c>.</summary>
    public static string PathOf(IEnumerable<KenyaSmsSection> sections, string defaultPath) =>
        sections.FirstOrDefault(s => s.Configuration is not null)?.Path ?? defaultPath;
}
