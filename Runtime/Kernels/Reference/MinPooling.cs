using System;
using Generated.Kernels.Validation;

namespace Generated.Kernels.Reference;

/// <summary>Scalar reference of <see cref="Kernels.MinPool2D"/>: each window walked cell by cell, padding skipped.</summary>
internal static class MinPool2D
{
    /// <summary>Each output value is the minimum of its window's input cells (padding never wins).</summary>
    public static void Forward(in Pool2DGeometry g, int batch, ReadOnlySpan<float> input, Span<float> output)
    {
        Arguments.Pool(g, batch, input.Length, nameof(input), output.Length, nameof(output));
        for (var n = 0; n < batch; n++)
        for (var oy = 0; oy < g.OutputHeight; oy++)
        for (var ox = 0; ox < g.OutputWidth; ox++)
        for (var c = 0; c < g.Channels; c++)
        {
            var minimum = float.PositiveInfinity;
            foreach (var cell in Cells(g, n, oy, ox, c))
            {
                minimum = Math.Min(minimum, input[cell]);
            }
            output[((n * g.OutputHeight + oy) * g.OutputWidth + ox) * g.Channels + c] = minimum;
        }
    }

    /// <summary>Each output gradient goes to the first cell (row-major) of its window holding the minimum; overwrites <paramref name="inputGradient"/>.</summary>
    public static void Backward(in Pool2DGeometry g, int batch, ReadOnlySpan<float> input, ReadOnlySpan<float> output,
        ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        Arguments.Pool(g, batch, input.Length, nameof(input), output.Length, nameof(output));
        inputGradient.Clear();
        for (var n = 0; n < batch; n++)
        for (var oy = 0; oy < g.OutputHeight; oy++)
        for (var ox = 0; ox < g.OutputWidth; ox++)
        for (var c = 0; c < g.Channels; c++)
        {
            var o = ((n * g.OutputHeight + oy) * g.OutputWidth + ox) * g.Channels + c;
            foreach (var cell in Cells(g, n, oy, ox, c))
            {
                if (input[cell] == output[o])
                {
                    inputGradient[cell] += outputGradient[o];
                    break;
                }
            }
        }
    }

    private static System.Collections.Generic.IEnumerable<int> Cells(Pool2DGeometry g, int n, int oy, int ox, int c)
    {
        for (var py = 0; py < g.PoolHeight; py++)
        for (var px = 0; px < g.PoolWidth; px++)
        {
            int iy = oy * g.StrideHeight + py - g.PadTop, ix = ox * g.StrideWidth + px - g.PadLeft;
            if (iy >= 0 && iy < g.InputHeight && ix >= 0 && ix < g.InputWidth)
            {
                yield return ((n * g.InputHeight + iy) * g.InputWidth + ix) * g.Channels + c;
            }
        }
    }
}
