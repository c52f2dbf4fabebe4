using Microsoft.Extensions.Logging;

namespace KenyaSms.Tests.Infrastructure;

public partial class CapturingLoggerProviderTests
{
    [Fact]
    public void Log_EveryLevel_CapturedWithCategoryEventIdMessageAndState()
    {
        var provider = new CapturingLoggerProvider();
        using (ILoggerFactory factory = LoggerFactory.Create(b => b.AddProvider(provider).SetMinimumLevel(LogLevel.Trace)))
        {
            ILogger logger = factory.CreateLogger("KenyaSms.Test");
            foreach (LogLevel level in new[] { LogLevel.Trace, LogLevel.Debug, LogLevel.Information, LogLevel.Warning, LogLevel.Error, LogLevel.Critical })
            {
#pragma warning disable CA1848, CA1873, CA2254 // plain calls on purpose: the provider must capture any kind of call
                logger.Log(level, new EventId(1000 + (int)level, "Ev"), "Sent to {Phone} at {Level}", "+254722000111", level);
#pragma warning restore CA1848, CA1873, CA2254
            }
        }

        IReadOnlyList<CapturedLog> entries = provider.Entries;
        Assert.Equal(6, entries.Count);
        CapturedLog trace = entries[0];
        Assert.Equal("KenyaSms.Test", trace.Category);
        Assert.Equal(LogLevel.Trace, trace.Level);
        Assert.Equal(new EventId(1000, "Ev"), trace.EventId);
        Assert.Equal("Sent to +254722000111 at Trace", trace.Message);
        Assert.Equal("+254722000111", trace.Value("Phone"));
        Assert.Equal("Sent to {Phone} at {Level}", trace.Value("{OriginalFormat}"));
        Assert.Equal(LogLevel.Critical, entries[5].Level);
    }

    [Fact]
    public void Log_WithExceptionAndScope_CapturesBothInEntryAndAllText()
    {
        var provider = new CapturingLoggerProvider();
        using (ILoggerFactory factory = LoggerFactory.Create(b => b.AddProvider(provider).SetMinimumLevel(LogLevel.Trace)))
        {
            ILogger logger = factory.CreateLogger<CapturingLoggerProviderTests>();
#pragma warning disable CA1848 // the scope IHttpClientFactory's logging opens, written the way it does
            using (logger.BeginScope("HTTP POST {Uri}", "https://api.example/sendsms?api_key=scope-secret"))
#pragma warning restore CA1848
            {
                SendFailed(logger, "synqtel", new InvalidOperationException("outer", new IOException("inner-secret")));
            }
        }

        CapturedLog entry = Assert.Single(provider.Entries);
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.Equal(2001, entry.EventId.Id);
        Assert.Equal("Send through synqtel failed", entry.Message);
        Assert.IsType<InvalidOperationException>(entry.Exception);
        Assert.Contains("inner-secret", entry.ExceptionText, StringComparison.Ordinal);
        Assert.Contains("scope-secret", Assert.Single(entry.Scopes), StringComparison.Ordinal);

        string all = provider.AllText();
        Assert.Contains("synqtel", all, StringComparison.Ordinal);
        Assert.Contains("inner-secret", all, StringComparison.Ordinal);
        Assert.Contains("scope-secret", all, StringComparison.Ordinal);
        Assert.Contains(typeof(CapturingLoggerProviderTests).FullName!, all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Log_FromManyThreads_KeepsEveryEntry()
    {
        var provider = new CapturingLoggerProvider();
        using ILoggerFactory factory = LoggerFactory.Create(b => b.AddProvider(provider).SetMinimumLevel(LogLevel.Trace));
        ILogger logger = factory.CreateLogger("Parallel");

        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (int i = 0; i < 250; i++)
            {
                Tick(logger, t, i);
            }
        })));

        Assert.Equal(2000, provider.Entries.Count);
        provider.Clear();
        Assert.Empty(provider.Entries);
    }

    [Fact]
    public void CreateLogger_WithoutFactory_StillCapturesScopes()
    {
        var provider = new CapturingLoggerProvider();
        ILogger logger = provider.CreateLogger("Direct");

        using (logger.BeginScope(new Dictionary<string, object?> { ["Provider"] = "qserve" }))
        {
            Tick(logger, 1, 2);
        }

        Tick(logger, 3, 4);

        Assert.Contains("Provider=qserve", Assert.Single(provider.Entries[0].Scopes), StringComparison.Ordinal);
        Assert.Empty(provider.Entries[1].Scopes);
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Error, Message = "Send through {Provider} failed")]
    private static partial void SendFailed(ILogger logger, string provider, Exception exception);

    [LoggerMessage(EventId = 1, Level = LogLevel.Trace, Message = "Tick {Thread} {Index}")]
    private static partial void Tick(ILogger logger, int thread, int index);
}
