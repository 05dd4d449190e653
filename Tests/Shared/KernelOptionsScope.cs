using Generated.Kernels;

namespace Generated.Tests;

/// <summary>
/// Sets <see cref="KernelOptions"/>' thread count and vector width for a test's <c>using</c> scope and restores the
/// previous values when disposed, so a failing assertion cannot leave other tests on the wrong settings. Tests that
/// use it belong to the collection that runs KernelOptions tests one at a time.
/// </summary>
internal readonly struct KernelOptionsScope : IDisposable
{
    private readonly int _threads;
    private readonly bool _vector512;

    /// <summary>Saves the current settings, then applies the ones given (null keeps a setting as it is).</summary>
    public KernelOptionsScope(int? threads = null, bool? vector512 = null)
    {
        (_threads, _vector512) = (KernelOptions.MaxThreads, KernelOptions.UseVector512);
        KernelOptions.MaxThreads = threads ?? _threads;
        KernelOptions.UseVector512 = vector512 ?? _vector512;
    }

    /// <summary>Restores the settings saved by the constructor.</summary>
    public void Dispose() => (KernelOptions.MaxThreads, KernelOptions.UseVector512) = (_threads, _vector512);
}
