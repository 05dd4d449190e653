using System;

namespace Generated.Kernels.Reference;

/// <summary>
/// Scalar reference of <see cref="Kernels.ImageTransform"/>: per output value, Keras 3's <c>map_coordinates</c> of order 1
/// written out (floor, the two weights per axis, each neighbour index through the fill mode's fixer), in double.
/// </summary>
internal static class ImageTransform
{
    /// <summary>Resamples each sample by its transform.</summary>
    public static void Forward(int batch, int height, int width, int channels, FillMode fill, ReadOnlySpan<float> transforms, ReadOnlySpan<float> input, Span<float> output)
    {
        var size = height * width * channels;
        for (var n = 0; n < batch; n++)
        {
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    for (var c = 0; c < channels; c++)
                    {
                        double sum = 0;
                        foreach (var (index, weight) in Neighbours(transforms.Slice(n * 6, 6), x, y, height, width, fill))
                        {
                            sum += weight * input[n * size + index * channels + c];
                        }
                        output[n * size + (y * width + x) * channels + c] = (float)sum;
                    }
                }
            }
        }
    }

    /// <summary>The transpose: each output gradient added to the pixels its value read, with the same weights.</summary>
    public static void Backward(int batch, int height, int width, int channels, FillMode fill, ReadOnlySpan<float> transforms, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        if (inputGradient.IsEmpty)
        {
            return;
        }
        var size = height * width * channels;
        var sums = new double[inputGradient.Length];
        for (var n = 0; n < batch; n++)
        {
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    foreach (var (index, weight) in Neighbours(transforms.Slice(n * 6, 6), x, y, height, width, fill))
                    {
                        for (var c = 0; c < channels; c++)
                        {
                            sums[n * size + index * channels + c] += weight * outputGradient[n * size + (y * width + x) * channels + c];
                        }
                    }
                }
            }
        }
        for (var i = 0; i < sums.Length; i++)
        {
            inputGradient[i] = (float)sums[i];
        }
    }

    /// <summary>The (pixel index, weight) pairs output pixel (x, y) reads; constant fill leaves out neighbours outside.</summary>
    private static (int Index, double Weight)[] Neighbours(ReadOnlySpan<float> t, int x, int y, int height, int width, FillMode fill)
    {
        // Coordinates in float, as the fast kernel and Keras compute them; interpolation weights from them.
        var sourceX = t[0] * x + t[1] * y + t[2];
        var sourceY = t[3] * x + t[4] * y + t[5];
        var x0 = (int)Math.Floor(sourceX);
        var y0 = (int)Math.Floor(sourceY);
        double fx = sourceX - (float)Math.Floor(sourceX), fy = sourceY - (float)Math.Floor(sourceY);
        var result = new System.Collections.Generic.List<(int, double)>(4);
        for (var dy = 0; dy < 2; dy++)
        {
            for (var dx = 0; dx < 2; dx++)
            {
                var weight = (dy == 0 ? 1 - fy : fy) * (dx == 0 ? 1 - fx : fx);
                var row = Fix(y0 + dy, height, fill);
                var column = Fix(x0 + dx, width, fill);
                if (weight != 0 && row >= 0 && column >= 0)
                {
                    result.Add((row * width + column, weight));
                }
            }
        }
        return result.ToArray();
    }

    /// <summary>Keras 3's index fixers: reflect (half-sample symmetric), wrap, nearest; -1 for constant outside.</summary>
    private static int Fix(int index, int size, FillMode fill)
    {
        if (index >= 0 && index < size)
        {
            return index;
        }
        switch (fill)
        {
            case FillMode.Reflect:
                // Unfold step by step: -1 -> 0, -2 -> 1, size -> size - 1, ...
                while (index < 0 || index >= size)
                {
                    index = index < 0 ? -index - 1 : 2 * size - 1 - index;
                }
                return index;
            case FillMode.Wrap:
                return ((index % size) + size) % size;
            case FillMode.Nearest:
                return Math.Min(Math.Max(index, 0), size - 1);
            default:
                return -1;
        }
    }
}
