using System;

namespace Generated.Kernels;

/// <summary>Process-wide settings of the kernels (read at each call, so they may be changed between steps).</summary>
public static class KernelOptions
{
    private static int _maxThreads = Environment.ProcessorCount;

    /// <summary>
    /// Most threads one kernel call uses, the calling thread included (default
    /// <see cref="Environment.ProcessorCount"/>; 1 runs every kernel on the calling thread).
    /// </summary>
    public static int MaxThreads
    {
        get => _maxThreads;
        set
        {
            if (value < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "MaxThreads must be at least 1 (1 runs every kernel on the calling thread).");
            }
            _maxThreads = value;
        }
    }

    /// <summary>
    /// Use 512-bit vectors for the matrix products when <c>Vector512.IsHardwareAccelerated</c> (default true;
    /// .NET already reports false on CPUs that down-clock for them, and on an AVX-512 machine the 6x32 tile
    /// measured ~1.4x faster than 6x16). Without AVX-512 the 256-bit FMA path runs either way. Read at the start of each call.
    /// </summary>
    public static bool UseVector512 { get; set; } = true;
}
