using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace KenyaSms;

/// <summary>
/// Argument guards that compile on every target: on net8.0+ they are the BCL's <c>ThrowIf*</c> helpers;
/// on netstandard2.0 they throw the same exception types with the same messages and parameter names.
/// </summary>
internal static class Throw
{
    /// <summary>Throws <see cref="ArgumentNullException"/> when <paramref name="argument"/> is null.</summary>
    public static void IfNull([NotNull] object? argument, [CallerArgumentExpression(nameof(argument))] string? paramName = null)
    {
#if NETSTANDARD2_0
        if (argument is null)
        {
            throw new ArgumentNullException(paramName);
        }
#else
        ArgumentNullException.ThrowIfNull(argument, paramName);
#endif
    }

    /// <summary>Throws when <paramref name="argument"/> is null (<see cref="ArgumentNullException"/>), empty or white space.</summary>
    public static void IfNullOrWhiteSpace([NotNull] string? argument, [CallerArgumentExpression(nameof(argument))] string? paramName = null)
    {
#if NETSTANDARD2_0
        if (argument is null)
        {
            throw new ArgumentNullException(paramName);
        }

        if (string.IsNullOrWhiteSpace(argument))
        {
            throw new ArgumentException("The value cannot be an empty string or composed entirely of whitespace.", paramName);
        }
#else
        ArgumentException.ThrowIfNullOrWhiteSpace(argument, paramName);
#endif
    }

    /// <summary>Throws <see cref="ObjectDisposedException"/> naming <paramref name="instance"/>'s type when <paramref name="disposed"/>.</summary>
    public static void IfDisposed(bool disposed, object instance)
    {
#if NETSTANDARD2_0
        if (disposed)
        {
            throw new ObjectDisposedException(instance.GetType().FullName);
        }
#else
        ObjectDisposedException.ThrowIf(disposed, instance);
#endif
    }
}
