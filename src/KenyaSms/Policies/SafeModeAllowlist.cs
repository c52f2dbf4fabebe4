using KenyaSms.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KenyaSms.Policies;

/// <summary>
/// <see cref="KenyaSmsOptions.SafeMode"/> as the gateways apply it: the allowlist normalised to numbers (rebuilt when
/// the options reload), null when safe mode is off. Also the hosted service that logs, once, that safe mode is on.
/// </summary>
internal sealed class SafeModeAllowlist : IHostedService
{
    private readonly IOptionsMonitor<KenyaSmsOptions> _options;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private SmsSafeModeOptions? _parsedFrom;
    private HashSet<PhoneNumber>? _allowed;
    private int _warned;

    public SafeModeAllowlist(IOptionsMonitor<KenyaSmsOptions> options, ILoggerFactory loggers)
    {
        _options = options;
        _logger = loggers.CreateLogger("KenyaSms.SafeMode");
    }

    /// <summary>The numbers allowed, or null when safe mode is off.</summary>
    public HashSet<PhoneNumber>? Allowed
    {
        get
        {
            SmsSafeModeOptions? safeMode = _options.CurrentValue.SafeMode;
            if (safeMode is not { Enabled: true })
            {
                return null;
            }

            lock (_gate)
            {
                if (!ReferenceEquals(safeMode, _parsedFrom))
                {
                    // Validated at start-up (KenyaSmsOptionsValidator); an entry that still does not parse allows nobody.
                    var allowed = new HashSet<PhoneNumber>();
                    foreach (string entry in safeMode.AllowedNumbers)
                    {
                        if (PhoneNumber.TryParse(entry, out PhoneNumber number))
                        {
                            allowed.Add(number);
                        }
                    }

                    _allowed = allowed;
                    _parsedFrom = safeMode;
                }

                return _allowed;
            }
        }
    }

    /// <summary>Logs that safe mode is on, the first time only (at host start-up, or the first gateway without a host).</summary>
    public void WarnOnce()
    {
        if (Allowed is { } allowed && Interlocked.Exchange(ref _warned, 1) == 0)
        {
            Log.SafeModeOn(_logger, allowed.Count);
        }
    }

    Task IHostedService.StartAsync(CancellationToken cancellationToken)
    {
        WarnOnce();
        return Task.CompletedTask;
    }

    Task IHostedService.StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
