namespace KenyaSms.Tests.Infrastructure;

public class ClosedPortTests
{
    [Fact]
    public async Task Create_Post_FailsWithConnectionError()
    {
        Uri closed = ClosedPort.Create();
        using var client = new HttpClient();

        HttpRequestException error = await Assert.ThrowsAsync<HttpRequestException>(
            () => client.PostAsync(new Uri(closed, "sms/sendsms"), new StringContent("{}")));

        Assert.Equal(HttpRequestError.ConnectionError, error.HttpRequestError);
        Assert.Equal("127.0.0.1", closed.Host);
        Assert.EndsWith("/", closed.AbsoluteUri, StringComparison.Ordinal);
    }
}
