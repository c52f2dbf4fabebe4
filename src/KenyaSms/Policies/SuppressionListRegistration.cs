using KenyaSms.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KenyaSms.Policies;

/// <summary>
/// What every <c>Add*SuppressionList</c> does: one <see cref="ISmsSuppressionList"/> for the container (a second one of
/// another kind is refused, so opt-outs are never split across two stores), and <c>KenyaSms:Suppression</c> bound.
/// </summary>
internal static class SuppressionListRegistration
{
    public static IKenyaSmsBuilder Add(IKenyaSmsBuilder builder, Func<IServiceProvider, ISmsSuppressionList> create)
    {
        Throw.IfNull(builder);
        IServiceCollection services = builder.Services;
        if (services.Any(d => d.ServiceType == typeof(ISmsSuppressionList)))
        {
            throw new InvalidOperationException("A suppression list is already registered; register exactly one (AddInMemorySuppressionList, AddSqliteSuppressionList or AddPostgreSqlSuppressionList).");
        }

        if (builder is KenyaSmsBuilder { Configuration: { } configuration } && configuration.GetSection("Suppression") is { } section && section.Exists())
        {
            services.AddOptions<SuppressionSettings>().Configure(o => section.Bind(o));
        }

        services.AddSingleton(create);
        return builder;
    }

    /// <summary>The longest reason a suppression keeps.</summary>
    public const int MaxReasonLength = 200;

    /// <summary>Checks a number and a reason before anything is written.</summary>
    /// <exception cref="ArgumentException">The number is <c>default</c>, or the reason is empty or longer than 200 characters.</exception>
    public static void Validate(PhoneNumber number, string reason)
    {
        if (number == default)
        {
            throw new ArgumentException("The number is default(PhoneNumber), not a phone number; parse it with PhoneNumber.Parse or TryParse.", nameof(number));
        }

        Throw.IfNullOrWhiteSpace(reason);
        if (reason.Length > MaxReasonLength)
        {
            throw new ArgumentException($"The reason is {reason.Length} characters long; at most {MaxReasonLength} are kept.", nameof(reason));
        }
    }

    /// <summary>
    /// Checks every entry of an import before anything is written, and keeps the last reason of a number given twice.
    /// </summary>
    /// <returns>One entry per distinct number, in the order each number was first given.</returns>
    /// <exception cref="ArgumentException">An entry is invalid; the message says which (0-based) and why.</exception>
    public static List<(PhoneNumber Number, string Reason)> ValidateAll(IReadOnlyList<(PhoneNumber Number, string Reason)> entries)
    {
        Throw.IfNull(entries);
        var positions = new Dictionary<PhoneNumber, int>(entries.Count);
        var distinct = new List<(PhoneNumber Number, string Reason)>(entries.Count);
        for (int i = 0; i < entries.Count; i++)
        {
            (PhoneNumber number, string reason) = entries[i];
            try
            {
                Validate(number, reason);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"Entry {i}: {e.Message}", nameof(entries), e);
            }

            if (positions.TryGetValue(number, out int at))
            {
                distinct[at] = (number, reason);
            }
            else
            {
                positions[number] = distinct.Count;
                distinct.Add((number, reason));
            }
        }

        return distinct;
    }

    /// <summary>Checks a number before it is removed.</summary>
    /// <exception cref="ArgumentException">The number is <c>default</c>.</exception>
    public static void Validate(PhoneNumber number)
    {
        if (number == default)
        {
            throw new ArgumentException("The number is default(PhoneNumber), not a phone number; parse it with PhoneNumber.Parse or TryParse.", nameof(number));
        }
    }
}
