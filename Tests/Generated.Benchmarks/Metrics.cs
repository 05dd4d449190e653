namespace Generated.Benchmarks;

/// <summary>
/// The measured quantities, named as in the PyTorch script's JSON and docs/PERFORMANCE.md. Each is a
/// benchmark method of the same name (<c>Train64</c> ...) and a BenchmarkDotNet category.
/// </summary>
public static class Metrics
{
    /// <summary>One optimizer step (forward, loss, backward, Adam) on a batch of 64.</summary>
    public const string Train64 = "train64";

    /// <summary>One optimizer step on a batch of 256.</summary>
    public const string Train256 = "train256";

    /// <summary>Inference on a batch of 256.</summary>
    public const string Infer256 = "infer256";

    /// <summary>Inference on one sample.</summary>
    public const string Latency1 = "latency1";

    /// <summary>
    /// M5's convolutions pass by pass as GEMMs (<see cref="ConvolutionGemmBenchmarks"/>, reported in GFLOP/s beside
    /// OpenBLAS); not model-specific and not a batch metric, so it runs only when named.
    /// </summary>
    public const string Gemm = "gemm";

    /// <summary>Every per-model batch metric, in report order (what runs when <c>--metrics</c> is not given).</summary>
    public static IReadOnlyList<string> All { get; } = [Train64, Train256, Infer256, Latency1];

    /// <summary>Every metric <c>--metrics</c> accepts: <see cref="All"/> and <see cref="Gemm"/>.</summary>
    public static IReadOnlyList<string> Known { get; } = [.. All, Gemm];

    /// <summary>Samples processed by one call of the benchmark for <paramref name="metric"/>.</summary>
    public static int BatchOf(string metric) => metric.ToLowerInvariant() switch
    {
        Train64 => 64,
        Train256 => 256,
        Infer256 => 256,
        Latency1 => 1,
        _ => throw new ArgumentException($"Unknown metric '{metric}'; choose from {string.Join(", ", All)}.", nameof(metric)),
    };
}
