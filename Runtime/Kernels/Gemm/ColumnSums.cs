using System;
using System.Runtime.CompilerServices;
using System.Numerics.Tensors;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
#else
using System.Numerics;
#endif
using Generated.Kernels.Simd;

namespace Generated.Kernels.Gemm;

/// <summary>Bias gradients: the sum over rows of a row-major matrix, added onto a vector.</summary>
internal static unsafe class ColumnSums
{
    // Rows up to this wide are summed into a stack accumulator with inline vector code; a call per
    // row would cost more than the adds for the 32-64 channel rows of typical convolutions.
    private const int MaxInlineColumns = 1024;

    // A chunk of at least this many floats gives the adds into the stack accumulator enough independent
    // vectors to hide the store-to-load latency of each one.
    private const int MinPeriod = 64;

    // Chunks are whole runs of 8 floats: one Vector256, two Vector128s (or one or two Vector<float>s in the portable builds).
    private const int PeriodLanes = 8;

    /// <summary><c>sums[j] += sum over r of data[r*columns + j]</c>, one pass over the rows (cache friendly for any width).</summary>
    public static void AddTo(int rows, int columns, float* data, Span<float> sums)
    {
#if NET8_0_OR_GREATER
        if (columns > MaxInlineColumns || !Vector128.IsHardwareAccelerated)
#else
        if (columns > MaxInlineColumns || !VectorPath.AllowsVector)
#endif
        {
            for (var r = 0; r < rows; r++)
            {
                TensorPrimitives.Add(sums, new ReadOnlySpan<float>(data + (long)r * columns, columns), sums);
            }
            return;
        }

        // The matrix is read as one flat run in chunks of `period` floats: a whole number of rows that is
        // also a whole number of vectors (and several of them) where that stays small. Narrow layers (1, 4
        // or 10 channels) then add full vectors instead of a scalar tail on every row; the chunk's rows are
        // folded back onto the columns at the end.
        var period = Period(columns);
        var accumulator = stackalloc float[period];
        new Span<float>(accumulator, period).Clear();
        var total = (long)rows * columns;
        var chunks = total / period;
        var vectorEnd = period - period % PeriodLanes;
        var chunk = data;
        // The period is a whole number of Vector256s, so of Vector128s too: the 128-bit path (ARM64, WebAssembly) reads the same chunks.
#if NET8_0_OR_GREATER
        var wide = VectorPath.Allows256;
#endif
        for (long k = 0; k < chunks; k++, chunk += period)
        {
            var j = 0;
#if NET8_0_OR_GREATER
            if (wide)
            {
                for (; j < vectorEnd; j += Vector256<float>.Count)
                {
                    (Vector256.Load(accumulator + j) + Vector256.Load(chunk + j)).Store(accumulator + j);
                }
            }
            else
            {
                for (; j < vectorEnd; j += Vector128<float>.Count)
                {
                    (Vector128.Load(accumulator + j) + Vector128.Load(chunk + j)).Store(accumulator + j);
                }
            }
#else
            // A period of whole 8-float runs is whole Vector<float>s for 4 or 8 lanes.
            for (; j < vectorEnd; j += Vector<float>.Count)
            {
                Unsafe.WriteUnaligned(accumulator + j, Unsafe.ReadUnaligned<Vector<float>>(accumulator + j) + Unsafe.ReadUnaligned<Vector<float>>(chunk + j));
            }
#endif
            for (; j < period; j++)
            {
                accumulator[j] += chunk[j];
            }
        }
        // What is left is fewer than `period` floats, so it starts at column 0 of a row: chunks hold whole rows.
        var left = (int)(total - chunks * period);
        for (var j = 0; j < left; j++)
        {
            accumulator[j] += chunk[j];
        }
        for (var start = 0; start < period; start += columns)
        {
            TensorPrimitives.Add(sums, new ReadOnlySpan<float>(accumulator + start, columns), sums);
        }
    }

    /// <summary>
    /// The smallest multiple of <paramref name="columns"/> that is a whole number of Vector256s and at least
    /// <see cref="MinPeriod"/> floats, as far as <see cref="MaxInlineColumns"/> allows; else <paramref name="columns"/>.
    /// </summary>
    internal static int Period(int columns)
    {
        var lanes = PeriodLanes;
        var period = columns;
        while ((period % lanes != 0 || period < MinPeriod) && period + columns <= MaxInlineColumns)
        {
            period += columns;
        }
        return period % lanes == 0 ? period : columns;
    }
}
