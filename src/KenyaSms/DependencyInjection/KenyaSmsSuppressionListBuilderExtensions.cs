using KenyaSms.Policies;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the suppression list (opt-outs) that every gateway of the container checks before any request.</summary>
public static class KenyaSmsSuppressionListBuilderExtensions
{
    /// <summary>
    /// A suppression list kept in this process's memory: a restart forgets it. For tests and single-process apps; use
    /// <c>AddSqliteSuppressionList</c> (one machine) or <c>AddPostgreSqlSuppressionList</c> (many) to keep opt-outs.
    /// <c>KenyaSms:Suppression:AutoSuppress</c> (true/false) adds numbers from do-not-disturb rejections and from
    /// delivery reports saying the subscriber blacklisted the sender.
    /// </summary>
    /// <param name="builder">The KenyaSms builder.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="InvalidOperationException">Another suppression list is already registered.</exception>
    public static IKenyaSmsBuilder AddInMemorySuppressionList(this IKenyaSmsBuilder builder) =>
        SuppressionListRegistration.Add(builder, static sp => new InMemorySmsSuppressionList(sp.GetService<TimeProvider>()));
}
