using System;

namespace Generated.Kernels;

/// <summary>Process-wide settings of the kernels (read at each call, so they may be changed between steps).</summary>
public static class KernelOptions
{
    private static int _maxThreads = Environment.ProcessorCount;
    private static int _vectorWidth = 512;

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
    /// Widest vectors the kernels may use, in bits: 512 (default: the widest the CPU accelerates), 256 or 128. The kernels
    /// run at the smaller of this and the hardware's widest accelerated width, so 128 forces the 128-bit path that ARM64
    /// (AdvSimd) and WebAssembly (PackedSimd) take on any machine. Read at the start of each call. Whole-span element-wise
    /// math delegated to <c>TensorPrimitives</c> keeps choosing its own width from the hardware.
    /// </summary>
    public static int VectorWidth
    {
        get => _vectorWidth;
        set
        {
            if (value is not (128 or 256 or 512))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "VectorWidth must be 128, 256 or 512 (bits).");
            }
            _vectorWidth = value;
        }
    }

    /// <summary>
    /// Use 512-bit vectors when <c>Vector512.IsHardwareAccelerated</c> (a shorthand for <see cref="VectorWidth"/>: true sets
    /// 512, false sets 256; true when it is 512). .NET already reports Vector512 unaccelerated on CPUs that down-clock
    /// for it, and on an AVX-512 machine the 6x32 tile measured ~1.4x faster than 6x16.
    /// </summary>
    public static bool UseVector512
    {
        get => _vectorWidth == 512;
        set => _vectorWidth = value ? 512 : 256;
    }

    /// <summary>
    /// Split one sample's work across up to <see cref="MaxThreads"/> threads where a kernel can (default false): generated
    /// Predict's batch-1 plan (<see cref="DirectConv2D"/>) then shares a large enough convolution's bands of output rows
    /// among the worker pool, which lowers batch-1 latency when another core is idle (a game's spare core) but costs a
    /// barrier per layer and competes with the host's own threads. Off, batch 1 runs on the calling thread alone.
    /// Larger batches are split by samples whatever this says.
    /// </summary>
    public static bool SplitSingleSample { get; set; }

    /// <summary>
    /// Compute 3x3, stride-1, undilated convolutions over at least 16 input and output channels by Winograd's minimal
    /// filtering F(2x2, 3x3) (<see cref="WinogradConv2D"/>; default true): forward passes, packed kernels and stride-1
    /// input gradients (a convolution with the flipped kernel) take 2.25 times fewer multiply-adds, as cuDNN and oneDNN
    /// do. The sums are rounded differently from the direct sum (relative error about 1e-6 on unit-scaled data); false
    /// keeps every convolution on the im2col GEMM, for results that match the GEMM's bits. Read when a kernel is packed
    /// and at the start of each unpacked call. Generated Predict's batch-1 plan calls <see cref="WinogradConv2D"/> itself
    /// for such a layer followed by a 2x2 max pool (chosen at generation time, as its direct convolutions are).
    /// </summary>
    public static bool Winograd { get; set; } = true;

    /// <summary>The vector width in bits a kernel call starting now runs at (0 where no vector is accelerated).</summary>
    public static int ActiveVectorWidth => Simd.VectorPath.Bits;

    /// <summary>The kernel path a call starting now takes, e.g. <c>Vector128 (AdvSimd ...)</c> on ARM64.</summary>
    public static string ActivePath => Simd.VectorPath.Describe();
}
