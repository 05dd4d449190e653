using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Filters;
using Perfolizer.Horology;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Generated.Benchmarks;

/// <summary>
/// A short in-process job (3 warm-ups, 10 iterations of about 250 ms; a call longer than that is one
/// call per iteration) so that all five models, both sides and both thread counts take minutes.
/// In-process: no per-benchmark project build, and the thread-count selection is plain static state.
/// </summary>
public static class BenchmarkConfig
{
    /// <summary>The configuration for <paramref name="options"/>: job, memory diagnoser, JSON export, filters.</summary>
    public static IConfig Create(BenchmarkOptions options)
    {
        var job = Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(options.Quick ? 1 : 3)
            .WithIterationCount(options.Quick ? 3 : 10)
            .WithIterationTime(TimeInterval.FromMilliseconds(options.Quick ? 100 : 250))
            .WithId(options.Quick ? "Quick" : "Short");
        return ManualConfig.Create(DefaultConfig.Instance)
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumn(StatisticColumn.Median, new SamplesPerSecondColumn(), new GflopsColumn())
            .AddExporter(JsonExporter.Full)
            .AddFilter(new SimpleFilter(benchmark =>
                options.Metrics.Contains(benchmark.Descriptor.WorkloadMethod.Name.ToLowerInvariant())
                && benchmark.Descriptor.Categories.Any(options.Sides.Contains)
                && ConvolutionGemmBenchmarks.IsMeasured(benchmark)))
            .WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared))
            .WithOptions(ConfigOptions.JoinSummary);
    }
}
