using System;
using System.Numerics.Tensors;

namespace Generated.Kernels;

/// <summary>Bias gradients: the sum over rows of a row-major matrix, added onto a vector.</summary>
internal static unsafe class ColumnSums
{
    /// <summary><c>sums[j] += sum over r of data[r*columns + j]</c>, one pass over the rows (cache friendly for any width).</summary>
    public static void AddTo(int rows, int columns, float* data, Span<float> sums)
    {
        for (var r = 0; r < rows; r++)
        {
            TensorPrimitives.Add(sums, new ReadOnlySpan<float>(data + (long)r * columns, columns), sums);
        }
    }
}
