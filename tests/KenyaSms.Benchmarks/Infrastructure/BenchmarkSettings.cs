using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;

namespace KenyaSms.Benchmarks.Infrastructure;

/// <summary>
/// The run's configuration. Without <c>--job</c> on the command line every benchmark runs in a short job
/// (1 launch, 3 warm-up and 10 measured iterations: the machine is shared, a long job buys little), and
/// the heavy classes cut that further with <see cref="FewerIterationsAttribute"/>. With <c>--job</c>
/// (CI's <c>--job dry</c>) the command line's job rules alone.
/// </summary>
public static class BenchmarkSettings
{
    /// <summary>True when the command line names a job; set by Program before BenchmarkDotNet reads the classes.</summary>
    public static bool CommandLineJob { get; set; }

    public static IConfig Create()
    {
        IConfig config = DefaultConfig.Instance.WithSummaryStyle(SummaryStyle.Default.WithRatioStyle(RatioStyle.Value));
        return CommandLineJob
            ? config
            : config.AddJob(Job.Default.WithId("Short").WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10).AsDefault());
    }
}

/// <summary>
/// Fewer iterations for a class whose operation is long (a 100,000-message batch, a loopback call):
/// a job mutator, applied only when the command line names no job.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class FewerIterationsAttribute : Attribute, IConfigSource
{
    public FewerIterationsAttribute(int warmupCount, int iterationCount, int invocationCount = 0)
    {
        var config = ManualConfig.CreateEmpty();
        if (!BenchmarkSettings.CommandLineJob)
        {
            Job mutator = new Job().WithWarmupCount(warmupCount).WithIterationCount(iterationCount);
            if (invocationCount > 0)
            {
                mutator = mutator.WithInvocationCount(invocationCount).WithUnrollFactor(1);
            }

            config.AddJob(mutator.AsMutator());
        }

        Config = config;
    }

    public IConfig Config { get; }
}
