using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Generated.Benchmarks;

/// <summary>Arithmetic-rate column of the GEMM benchmark: <c>2*M*K*N</c> of the case's pass over its median time; empty for other benchmarks.</summary>
public sealed class GflopsColumn : IColumn
{
    /// <inheritdoc/>
    public string Id => nameof(GflopsColumn);

    /// <inheritdoc/>
    public string ColumnName => "GFLOP/s";

    /// <inheritdoc/>
    public bool AlwaysShow => true;

    /// <inheritdoc/>
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc/>
    public int PriorityInCategory => 1;

    /// <inheritdoc/>
    public bool IsNumeric => true;

    /// <inheritdoc/>
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc/>
    public string Legend => "GFLOP/s: 2*M*K*N of the GEMM-shaped pass / median time of one call";

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var statistics = summary[benchmarkCase]?.ResultStatistics;
        if (benchmarkCase.Descriptor.Type != typeof(ConvolutionGemmBenchmarks))
        {
            return "-";
        }
        if (statistics is null || statistics.Median <= 0)
        {
            return "NA";
        }
        var layer = M5Convolutions.Get((string)benchmarkCase.Parameters[nameof(ConvolutionGemmBenchmarks.Layer)]);
        var flops = layer.Flops((string)benchmarkCase.Parameters[nameof(ConvolutionGemmBenchmarks.Pass)], M5Convolutions.Batch);
        return (flops / statistics.Median).ToString("N1", style.CultureInfo); // FLOP per nanosecond = GFLOP/s
    }

    /// <inheritdoc/>
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc/>
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
