using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace KenyaSms.Benchmarks.Infrastructure;

/// <summary>Mean time and allocation divided by the <c>Messages</c> parameter: the cost per message of a batch.</summary>
public sealed class PerMessageColumn : IColumn
{
    private readonly bool _allocation;

    private PerMessageColumn(bool allocation) => _allocation = allocation;

    public static IColumn Time { get; } = new PerMessageColumn(allocation: false);

    public static IColumn Allocation { get; } = new PerMessageColumn(allocation: true);

    public string Id => _allocation ? "AllocatedPerMessage" : "MeanPerMessage";

    public string ColumnName => _allocation ? "Alloc/msg" : "Mean/msg";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => _allocation ? 1 : 0;

    public bool IsNumeric => true;

    public UnitType UnitType => _allocation ? UnitType.Size : UnitType.Time;

    public string Legend => _allocation ? "Bytes allocated per message (Allocated / Messages)" : "Mean time per message (Mean / Messages)";

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        if (benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "Messages")?.Value is not int messages || summary[benchmarkCase] is not { } report)
        {
            return "-";
        }

        if (_allocation)
        {
            long? bytes = report.GcStats.GetBytesAllocatedPerOperation(benchmarkCase);
            return bytes is long b ? $"{(double)b / messages:N0} B" : "-";
        }

        double? mean = report.ResultStatistics?.Mean;
        return mean is double ns ? $"{ns / messages / 1000:N2} μs" : "-";
    }
}
