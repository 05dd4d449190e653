namespace Generated.Benchmarks;

/// <summary>The frameworks measured in-process, as BenchmarkDotNet categories on the benchmark classes.</summary>
public static class Sides
{
    /// <summary>Our generated networks.</summary>
    public const string Ours = "ours";

    /// <summary>Microsoft.ML.OnnxRuntime (CPU execution provider) running the models exported by PyTorch.</summary>
    public const string OnnxRuntime = "onnxruntime";

    /// <summary>Every side.</summary>
    public static IReadOnlyList<string> All { get; } = [Ours, OnnxRuntime];
}
