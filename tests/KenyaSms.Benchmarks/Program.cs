using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using KenyaSms.Benchmarks.Campaign;
using KenyaSms.Benchmarks.Infrastructure;
using KenyaSms.Benchmarks.Profiling;

// dotnet run -c Release --project tests/KenyaSms.Benchmarks -- --filter '*'            every benchmark (docs/benchmarks.md)
// dotnet run -c Release --project tests/KenyaSms.Benchmarks -- --filter '*' --job dry --inProcess  each once (CI's smoke run)
// dotnet run -c Release --project tests/KenyaSms.Benchmarks -- --campaign 1000000 [--handwritten | --stream | --messages-only]
// dotnet run -c Release --project tests/KenyaSms.Benchmarks -- --ledger-campaign 100000   (KENYASMS_POSTGRES adds the PostgreSQL row)
// dotnet run -c Release --project tests/KenyaSms.Benchmarks -- --allocations synqtel|qserve|africastalking|batch|handwritten [operations] [--no-sampling]
// dotnet run -c Release --project tests/KenyaSms.Benchmarks -- --loopback [rounds] [--warmup SECONDS]
// dotnet run -c Release --project tests/KenyaSms.Benchmarks -- --rate-limit RATE SECONDS   (MaxMessagesPerSecond's long-run rate)
if (args.Length > 0 && args[0] == "--campaign")
{
    return await CampaignRunner.RunAsync(args);
}

if (args.Length > 0 && args[0] == "--ledger-campaign")
{
    return await LedgerCampaignRunner.RunAsync(args);
}

if (args.Length > 0 && args[0] == "--allocations")
{
    return await AllocationProfiler.RunAsync(args);
}

if (args.Length > 0 && args[0] == "--rate-limit")
{
    return await RateLimitRunner.RunAsync(args);
}

if (args.Length > 0 && args[0] == "--loopback")
{
    return await LoopbackProbe.RunAsync(args);
}

// --allocation-stacks: also record sampled allocation stacks (EventPipe, speedscope files in BenchmarkDotNet.Artifacts).
bool allocationStacks = args.Contains("--allocation-stacks", StringComparer.Ordinal);
args = [.. args.Where(a => a != "--allocation-stacks")];
BenchmarkSettings.CommandLineJob = args.Any(a => a is "--job" or "-j" || a.StartsWith("--job=", StringComparison.Ordinal));
IConfig config = BenchmarkSettings.Create();
config = allocationStacks ? config.AddDiagnoser(new EventPipeProfiler(EventPipeProfile.GcVerbose)) : config;
IEnumerable<Summary> summaries = BenchmarkSwitcher.FromAssembly(typeof(BenchmarkSettings).Assembly).Run(args, config);

// A benchmark that fails (its sanity check, a build, a crash) fails the run; timings never do.
bool failed = summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success));
return failed ? 1 : 0;
