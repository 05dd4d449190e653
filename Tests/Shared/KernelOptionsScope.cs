using Generated.Kernels;

namespace Generated.Tests;

/// <summary>
/// Sets <see cref="KernelOptions"/>' thread count and vector width for a test's <c>using</c> scope and restores the
/// previous values when disposed, so a failing assertion cannot leave other tests on the wrong settings. Tests that
/// use it belong to the collection that runs KernelOptions tests one at a time.
/// </summary>
internal readonly struct KernelOptionsScope : IDisposable
{
    /// <summary>The vector widths (bits) a test loops over: the 128-bit path ARM64 and WebAssembly take, 256 and 512.</summary>
    public static readonly int[] Widths = [128, 256, 512];

    private readonly int _threads;
    private readonly int _width;
    private readonly bool _split;

    /// <summary>Saves the current settings, then applies the ones given (null keeps a setting as it is).</summary>
    public KernelOptionsScope(int? threads = null, int? width = null, bool? split = null)
    {
        (_threads, _width, _split) = (KernelOptions.MaxThreads, KernelOptions.VectorWidth, KernelOptions.SplitSingleSample);
        KernelOptions.MaxThreads = threads ?? _threads;
        KernelOptions.VectorWidth = width ?? _width;
        KernelOptions.SplitSingleSample = split ?? _split;
    }

    /// <summary>Restores the settings saved by the constructor.</summary>
    public void Dispose() => (KernelOptions.MaxThreads, KernelOptions.VectorWidth, KernelOptions.SplitSingleSample) = (_threads, _width, _split);
}
