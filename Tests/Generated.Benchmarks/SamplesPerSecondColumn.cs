using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Generated.Benchmarks;

/// <summary>Throughput column: samples per second from the median time of one call (batch size from the metric); empty for the GEMM benchmark.</summary>
public sealed class SamplesPerSecondColumn : IColumn
{
    /// <inheritdoc/>
    public string Id => nameof(SamplesPerSecondColumn);

    /// <inheritdoc/>
    public string ColumnName => "Samples/s";

    /// <inheritdoc/>
    public bool AlwaysShow => true;

    /// <inheritdoc/>
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc/>
    public int PriorityInCategory => 0;

    /// <inheritdoc/>
    public bool IsNumeric => true;

    /// <inheritdoc/>
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc/>
    public string Legend => "Samples per second: batch size / median time of one call";

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var method = benchmarkCase.Descriptor.WorkloadMethod.Name;
        if (!Metrics.All.Contains(method.ToLowerInvariant()))
        {
            return "-"; // not a batch metric (the GEMM benchmark reports GFLOP/s instead)
        }
        var statistics = summary[benchmarkCase]?.ResultStatistics;
        if (statistics is null || statistics.Median <= 0)
        {
            return "NA";
        }
        var batch = Metrics.BatchOf(method);
        return (batch / (statistics.Median * 1e-9)).ToString("N0", style.CultureInfo);
    }

    /// <inheritdoc/>
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc/>
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
