namespace Generated.Benchmarks;

/// <summary>
/// The models and thread counts chosen on the command line, read by the benchmarks' <c>[ParamsSource]</c>
/// properties. Benchmarks run in-process, so what <see cref="Program"/> sets here is what they see.
/// </summary>
public static class Selection
{
    /// <summary>Options of this run.</summary>
    public static BenchmarkOptions Options { get; set; } = BenchmarkOptions.Parse([]);

    /// <summary>Selected model names.</summary>
    public static IEnumerable<string> Models => Options.Models;

    /// <summary>Selected thread counts.</summary>
    public static IEnumerable<int> Threads => Options.Threads;
}
