using System.Net.Http;
using KenyaSms.Http;
using KenyaSms.Json;
using KenyaSms.Sending;
using KenyaSms.Telemetry;

namespace KenyaSms.Tests.Http;

// Exception messages name the HttpRequestError; the netstandard2.0 build reads it where the runtime has it.
public sealed class HttpRequestErrorsTests
{
    [Theory]
    [InlineData(HttpRequestError.ConnectionError)]
    [InlineData(HttpRequestError.NameResolutionError)]
    [InlineData(HttpRequestError.Unknown)]
    public void Name_Exception_IsItsHttpRequestError(HttpRequestError error) =>
        Assert.Equal(error.ToString(), HttpRequestErrors.Name(new HttpRequestException(error, "failed")));
}
