using System;
using Generated.Kernels.Validation;

namespace Generated.Kernels.Reference;

/// <summary>Scalar reference of <see cref="Kernels.MaxUnpool2D"/>: one window cell at a time.</summary>
internal static class MaxUnpool2D
{
    /// <summary>Each value to the first cell of its window equal to the window's maximum, zeros elsewhere.</summary>
    public static void Forward(in Pool2DGeometry g, int batch, ReadOnlySpan<float> poolInput, ReadOnlySpan<float> poolOutput,
        ReadOnlySpan<float> input, Span<float> output)
    {
        Arguments.Pool(g, batch, poolInput.Length, nameof(poolInput), poolOutput.Length, nameof(poolOutput));
        output.Clear();
        for (var window = 0; window < poolOutput.Length; window++)
        {
            output[FirstMaximum(g, poolInput, poolOutput, window)] = input[window];
        }
    }

    /// <summary>Each window's gradient from the first cell equal to its maximum.</summary>
    public static void Backward(in Pool2DGeometry g, int batch, ReadOnlySpan<float> poolInput, ReadOnlySpan<float> poolOutput,
        ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        Arguments.Pool(g, batch, poolInput.Length, nameof(poolInput), poolOutput.Length, nameof(poolOutput));
        for (var window = 0; window < poolOutput.Length; window++)
        {
            inputGradient[window] = outputGradient[FirstMaximum(g, poolInput, poolOutput, window)];
        }
    }

    /// <summary>The input index of the first cell (row-major) of pooled value <paramref name="window"/>'s window equal to it.</summary>
    private static int FirstMaximum(in Pool2DGeometry g, ReadOnlySpan<float> poolInput, ReadOnlySpan<float> poolOutput, int window)
    {
        var c = window % g.Channels;
        var ox = window / g.Channels % g.OutputWidth;
        var oy = window / g.Channels / g.OutputWidth % g.OutputHeight;
        var n = window / g.Channels / g.OutputWidth / g.OutputHeight;
        for (var ky = 0; ky < g.PoolHeight; ky++)
        for (var kx = 0; kx < g.PoolWidth; kx++)
        {
            var iy = oy * g.StrideHeight - g.PadTop + ky;
            var ix = ox * g.StrideWidth - g.PadLeft + kx;
            if (iy < 0 || iy >= g.InputHeight || ix < 0 || ix >= g.InputWidth)
            {
                continue;
            }
            var cell = ((n * g.InputHeight + iy) * g.InputWidth + ix) * g.Channels + c;
            if (poolInput[cell] == poolOutput[window])
            {
                return cell;
            }
        }
        throw new ArgumentException($"Pooled value {window} equals no cell of its window: poolOutput is not the maximum pooling of poolInput.", nameof(poolOutput));
    }
}
