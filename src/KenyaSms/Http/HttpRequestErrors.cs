#if NETSTANDARD2_0
using System.Reflection;
#endif


namespace KenyaSms.Http;

/// <summary>The name of an <see cref="HttpRequestException"/>'s error kind, for messages and logs.</summary>
internal static class HttpRequestErrors
{
#if NETSTANDARD2_0
    // HttpRequestError exists from .NET 8: read it where the runtime has it, so the text is the same there.
    private static readonly PropertyInfo? ErrorProperty = typeof(HttpRequestException).GetProperty("HttpRequestError");

    public static string Name(HttpRequestException exception) => ErrorProperty?.GetValue(exception)?.ToString() ?? "Unknown";
#else
    public static string Name(HttpRequestException exception) => exception.HttpRequestError.ToString();
#endif
}
