using System.Net;
using KenyaSms.Simulator.AfricasTalking;
using KenyaSms.Simulator.Control;
using KenyaSms.Simulator.Internal;
using KenyaSms.Simulator.Qserve;
using KenyaSms.Simulator.Synqtel;

namespace KenyaSms.Simulator;

/// <summary>
/// A local HTTP server that behaves like the 254sms (Qserve), Synqtel and Africa's Talking gateways, quirks, errors, credits and
/// delivery reports included, with faults on demand and a ledger of everything it received.
/// </summary>
/// <example>
/// <code>
/// await using SmsSimulator sim = await SmsSimulator.StartAsync();
/// // point the SDK (or any client) at sim.SynqtelBaseAddress with sim.SynqtelApiKey, send, then:
/// Assert.Single(sim.Ledger.Messages);
/// </code>
/// </example>
public sealed class SmsSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SimulatorState _state;
    private readonly DeliveryReporter _reporter;
    private readonly CancellationTokenSource _stopping;

    private SmsSimulator(WebApplication app, SimulatorState state, DeliveryReporter reporter, SimulatorLedger ledger, SimulatorFaults faults, CancellationTokenSource stopping)
    {
        _app = app;
        _state = state;
        _reporter = reporter;
        _stopping = stopping;
        Ledger = ledger;
        Faults = faults;
    }

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The 254sms base address (<c>…/version1/</c>), for <c>QserveOptions.BaseAddress</c>.</summary>
    public Uri QserveBaseAddress => new(BaseAddress, "version1/");

    /// <summary>The Synqtel base address (<c>…/sms/</c>), for <c>SynqtelOptions.BaseAddress</c>.</summary>
    public Uri SynqtelBaseAddress => new(BaseAddress, "sms/");

    /// <summary>The Africa's Talking base address (<c>…/africastalking/version1/</c>), for <c>AfricasTalkingOptions.BaseAddress</c>.</summary>
    public Uri AfricasTalkingBaseAddress => new(BaseAddress, "africastalking/version1/");

    /// <summary>The control API's base address (<c>…/_simulator/</c>).</summary>
    public Uri ControlBaseAddress => new(BaseAddress, "_simulator/");

    /// <summary>The 254sms <c>username</c> this simulator accepts.</summary>
    public string QserveUsername => _state.QserveUsername;

    /// <summary>The 254sms <c>api_key</c> this simulator accepts.</summary>
    public string QserveApiKey => _state.QserveApiKey;

    /// <summary>The Synqtel <c>h_api_key</c> this simulator accepts.</summary>
    public string SynqtelApiKey => _state.SynqtelApiKey;

    /// <summary>The Africa's Talking <c>username</c> this simulator accepts.</summary>
    public string AfricasTalkingUsername => _state.AfricasTalkingUsername;

    /// <summary>The Africa's Talking <c>apiKey</c> this simulator accepts.</summary>
    public string AfricasTalkingApiKey => _state.AfricasTalkingApiKey;

    /// <summary>Every request read, message accepted and delivery report posted.</summary>
    public SimulatorLedger Ledger { get; }

    /// <summary>The faults to play on coming requests.</summary>
    public SimulatorFaults Faults { get; }

    /// <summary>Where Synqtel delivery reports go from now on; null sends none.</summary>
    /// <exception cref="ArgumentException">The value is not an absolute http or https URL.</exception>
    public Uri? DeliveryReportUrl
    {
        get => _reporter.Url;
        set => _reporter.Url = value;
    }

    /// <summary>Where Africa's Talking delivery reports (form-encoded) go from now on; null sends none.</summary>
    /// <exception cref="ArgumentException">The value is not an absolute http or https URL.</exception>
    public Uri? AfricasTalkingDeliveryReportUrl
    {
        get => _reporter.AfricasTalkingUrl;
        set => _reporter.AfricasTalkingUrl = value;
    }

    /// <summary>Starts a simulator; by default on a free port of 127.0.0.1.</summary>
    /// <param name="options">How it behaves; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running simulator; dispose it to stop it.</returns>
    /// <exception cref="ArgumentException">An option is invalid (e.g. a DND entry that is not a Kenyan mobile number).</exception>
    public static async Task<SmsSimulator> StartAsync(SmsSimulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SmsSimulatorOptions();
        ArgumentNullException.ThrowIfNull(options.TimeProvider, nameof(options.TimeProvider));
        TimeProvider time = options.TimeProvider;
        var ledger = new SimulatorLedger(time);
        var faults = new SimulatorFaults();
        var stopping = new CancellationTokenSource();
        DeliveryReporter? reporter = null;
        SimulatorState state;
        WebApplication app;
        try
        {
            reporter = new DeliveryReporter(options.DeliveryReportUrl, options.AfricasTalkingDeliveryReportUrl, options.DeliveryReportDelay, time, ledger);
            state = new SimulatorState(options, ledger, reporter);
            app = Build(options.Urls);
        }
        catch
        {
            if (reporter is not null)
            {
                await reporter.DisposeAsync().ConfigureAwait(false);
            }

            stopping.Dispose();
            throw;
        }

        foreach (ProviderApi api in new ProviderApi[] { new QserveApi(state), new SynqtelApi(state), new AfricasTalkingApi(state) })
        {
            var pipeline = new ProviderPipeline(api, state, ledger, faults, time, stopping.Token);
            app.Map(api.PathPrefix + "/{**rest}", pipeline.HandleAsync);
        }

        var simulator = new SmsSimulator(app, state, reporter, ledger, faults, stopping);
        ControlApi.Map(app, simulator);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await simulator.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        simulator.BaseAddress = LoopbackAddress(app.Urls);
        return simulator;
    }

    /// <summary>The credits left on a provider's account (254sms, Synqtel).</summary>
    /// <param name="provider">The provider.</param>
    /// <returns>The balance.</returns>
    /// <exception cref="ArgumentException">Africa's Talking, whose balance is money: use <see cref="GetBalance"/>.</exception>
    public long GetCredits(SimulatorProvider provider) => _state.GetCredits(provider);

    /// <summary>Sets a provider's credits, e.g. to 0 to see "Low bulk credits" (254sms, Synqtel).</summary>
    /// <param name="provider">The provider.</param>
    /// <param name="credits">The new balance.</param>
    /// <exception cref="ArgumentException">Africa's Talking, whose balance is money: use <see cref="SetBalance"/>.</exception>
    public void SetCredits(SimulatorProvider provider, long credits) => _state.SetCredits(provider, credits);

    /// <summary>A provider's balance: credits for 254sms and Synqtel, KES for Africa's Talking.</summary>
    /// <param name="provider">The provider.</param>
    /// <returns>The balance.</returns>
    public decimal GetBalance(SimulatorProvider provider) => _state.GetBalance(provider);

    /// <summary>Sets a provider's balance: credits (a whole number) for 254sms and Synqtel, KES for Africa's Talking.</summary>
    /// <param name="provider">The provider.</param>
    /// <param name="balance">The new balance.</param>
    /// <exception cref="ArgumentException">A fractional number of credits.</exception>
    public void SetBalance(SimulatorProvider provider, decimal balance)
    {
        if (provider == SimulatorProvider.AfricasTalking)
        {
            _state.SetMoney(balance);
        }
        else
        {
            _state.SetCredits(provider, decimal.Truncate(balance) == balance && balance is >= long.MinValue and <= long.MaxValue
                ? (long)balance
                : throw new ArgumentException($"{provider} counts whole credits, not {balance}.", nameof(balance)));
        }
    }

    /// <summary>Clears the ledger and the faults and restores every balance to its starting value.</summary>
    public void Reset()
    {
        Faults.Clear();
        Ledger.Reset();
        _state.ResetCredits();
    }

    /// <summary>Stops the server: stalled requests are aborted, pending delivery reports dropped.</summary>
    /// <returns>A task that completes when stopped.</returns>
    public ValueTask DisposeAsync() => DisposeAsync(_app, _reporter, _stopping);

    private static async ValueTask DisposeAsync(WebApplication app, DeliveryReporter reporter, CancellationTokenSource stopping)
    {
        if (!stopping.IsCancellationRequested)
        {
            await stopping.CancelAsync().ConfigureAwait(false);
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await app.StopAsync(grace.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Connections still open after the grace period are aborted by Kestrel.
            }

            await app.DisposeAsync().ConfigureAwait(false);
            await reporter.DisposeAsync().ConfigureAwait(false);
            stopping.Dispose();
        }
    }

    private static WebApplication Build(string? urls)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (string.IsNullOrWhiteSpace(urls))
        {
            builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        }
        else
        {
            builder.WebHost.UseUrls(urls);
        }

        return builder.Build();
    }

    // A wildcard binding (0.0.0.0, [::], *, +) is reached on loopback; https only when nothing else is bound.
    private static Uri LoopbackAddress(ICollection<string> urls)
    {
        string url = urls.FirstOrDefault(u => u.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? urls.First();
        foreach (string wildcard in new[] { "://0.0.0.0:", "://[::]:", "://*:", "://+:" })
        {
            url = url.Replace(wildcard, "://127.0.0.1:", StringComparison.Ordinal);
        }

        return new Uri(url.TrimEnd('/') + "/");
    }
}
