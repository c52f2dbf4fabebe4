using System.Diagnostics.Metrics;
using System.Reflection;
using KenyaSms.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace KenyaSms.Tests.Telemetry;

/// <summary>
/// <see cref="MetricCollector{T}"/>s for the KenyaSms meter that a service provider's own <see cref="IMeterFactory"/>
/// created, so tests running in parallel (each with its own provider) never see each other's measurements.
/// </summary>
internal static class SdkMetrics
{
    /// <summary>Collects the instrument named <paramref name="instrument"/> of meter "KenyaSms" from <paramref name="services"/>' factory.</summary>
    public static MetricCollector<T> Collect<T>(IServiceProvider services, string instrument)
        where T : struct =>
        new(services.GetRequiredService<IMeterFactory>(), "KenyaSms", instrument);

    public static KeyValuePair<string, object?> Tag(string key, object? value) => new(key, value);

    /// <summary>Collects every instrument of the SDK (each instrument property of its telemetry), for scans of every tag.</summary>
    public static AllInstruments CollectAll(IServiceProvider services) => new(services.GetRequiredService<SmsTelemetry>());

    internal sealed class AllInstruments : IDisposable
    {
        private readonly List<MetricCollector<long>> _longs = [];
        private readonly List<MetricCollector<double>> _doubles = [];

        public AllInstruments(SmsTelemetry telemetry)
        {
            foreach (PropertyInfo property in typeof(SmsTelemetry).GetProperties())
            {
                switch (property.GetValue(telemetry))
                {
                    case Instrument<long> instrument:
                        _longs.Add(new MetricCollector<long>(instrument));
                        break;
                    case Instrument<double> instrument:
                        _doubles.Add(new MetricCollector<double>(instrument));
                        break;
                    case Instrument instrument:
                        throw new InvalidOperationException($"{instrument.Name}: collect its measurement type here too, or its tags go unscanned.");
                }
            }

            Assert.NotEmpty(_longs);
            Assert.NotEmpty(_doubles);
        }

        /// <summary>Every tag of every measurement so far, as "key=value".</summary>
        public IEnumerable<string> Tags() =>
            _longs.SelectMany(c => c.GetMeasurementSnapshot()).SelectMany(m => m.Tags)
                .Concat(_doubles.SelectMany(c => c.GetMeasurementSnapshot()).SelectMany(m => m.Tags))
                .Select(t => $"{t.Key}={t.Value}");

        public void Dispose()
        {
            _longs.ForEach(c => c.Dispose());
            _doubles.ForEach(c => c.Dispose());
        }
    }
}
