using System;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

namespace Generated.Kernels;

/// <summary>Bias gradients: the sum over rows of a row-major matrix, added onto a vector.</summary>
internal static unsafe class ColumnSums
{
    // Rows up to this wide are summed into a stack accumulator with inline vector code; a call per
    // row would cost more than the adds for the 32-64 channel rows of typical convolutions.
    private const int MaxInlineColumns = 1024;

    /// <summary><c>sums[j] += sum over r of data[r*columns + j]</c>, one pass over the rows (cache friendly for any width).</summary>
    public static void AddTo(int rows, int columns, float* data, Span<float> sums)
    {
        if (columns > MaxInlineColumns || !Vector256.IsHardwareAccelerated)
        {
            for (var r = 0; r < rows; r++)
            {
                TensorPrimitives.Add(sums, new ReadOnlySpan<float>(data + (long)r * columns, columns), sums);
            }
            return;
        }
        var accumulator = stackalloc float[columns];
        var vectorEnd = columns - columns % Vector256<float>.Count;
        var row = data;
        for (var r = 0; r < rows; r++, row += columns)
        {
            var j = 0;
            for (; j < vectorEnd; j += Vector256<float>.Count)
            {
                (Vector256.Load(accumulator + j) + Vector256.Load(row + j)).Store(accumulator + j);
            }
            for (; j < columns; j++)
            {
                accumulator[j] += row[j];
            }
        }
        TensorPrimitives.Add(sums, new ReadOnlySpan<float>(accumulator, columns), sums);
    }
}
