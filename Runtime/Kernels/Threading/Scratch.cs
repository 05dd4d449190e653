using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Generated.Kernels.Threading;

/// <summary>What a scratch buffer holds; each thread has one buffer per purpose.</summary>
internal enum ScratchBuffer
{
    /// <summary>Rows of the im2col matrix (or of its gradient) for the chunk being multiplied.</summary>
    Columns,
    /// <summary>The right-hand matrix of a call, packed into column panels (read by every worker).</summary>
    PackedMatrix,
    /// <summary>A chunk of output-gradient rows packed as the right-hand matrix of a kernel-gradient product.</summary>
    PackedRows,
    /// <summary>The bias padded to whole column panels.</summary>
    Bias,
    /// <summary>One input sample in <see cref="Convolution.PlanarLayout"/> (pixel-lane convolutions).</summary>
    Planar,
    /// <summary>Output channels along rows, pixels along lanes: a pixel-lane product's result or operand.</summary>
    TransposedOutput,
    /// <summary>A kernel rearranged for another product (the flipped kernel of an input gradient computed as a convolution).</summary>
    RearrangedKernel,
    /// <summary>A chunk's im2col row addresses and which of its tiles read the input in place (implicit-GEMM convolutions).</summary>
    ImplicitRows,
    /// <summary>A padded convolution's input copied with its zero border (<see cref="Convolution.PaddedInput"/>).</summary>
    PaddedInput,
    /// <summary>The rows of a padded convolution's zero-padded input that one kernel-gradient chunk's windows cover.</summary>
    PaddedRows,
    /// <summary>A convolution's output-gradient rows routed from the max pool after it (<see cref="Pooling.MaxPoolPositions"/>).</summary>
    RoutedRows,
}

/// <summary>
/// Thread-static float buffers on the pinned object heap, grown once and reused, so kernels allocate
/// nothing per call after warm-up and may hand raw pointers to worker threads while the owner waits.
/// </summary>
internal static unsafe class Scratch
{
    [ThreadStatic]
    private static float[]?[]? t_buffers;

    /// <summary>A buffer of at least <paramref name="length"/> floats (contents undefined).</summary>
    public static float* Get(ScratchBuffer purpose, long length)
    {
        var buffers = t_buffers ??= new float[]?[Enum.GetValues<ScratchBuffer>().Length];
        ref var buffer = ref buffers[(int)purpose];
        if (buffer is null || buffer.Length < length)
        {
            buffer = Allocate(length);
        }
        return (float*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer));
    }

    /// <summary>A pinned array of at least <paramref name="length"/> floats, rounded up so small growth does not reallocate.</summary>
    public static float[] Allocate(long length)
    {
        if (length > Array.MaxLength)
        {
            throw new InvalidOperationException($"A kernel needs a scratch buffer of {length} floats, more than an array can hold; use a smaller batch.");
        }
        var rounded = (int)Math.Min(Array.MaxLength, Math.Max(1024, length + length / 4));
        return GC.AllocateUninitializedArray<float>(rounded, pinned: true);
    }

    /// <summary>The address of a pinned array from <see cref="Allocate"/>.</summary>
    public static float* Address(float[] pinned) => (float*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(pinned));
}
