using System;
using Generated.Kernels.Validation;

namespace Generated.Kernels;

/// <summary>
/// Max-unpooling (<c>UpSampling2D</c> with <c>Interpolation.MaxUnpooling</c>, PyTorch's <c>max_unpool2d</c>): the inverse
/// of a <see cref="MaxPool2D"/> with non-overlapping windows. The positions are not stored: they are found again from
/// the pooling's input and output, the first cell (row-major in its window) equal to the window's maximum, the cell
/// <see cref="MaxPool2D.Backward"/> routes to. The geometry <c>g</c> is the pooling's geometry throughout.
/// </summary>
public static class MaxUnpool2D
{
    /// <summary>
    /// Puts each value of <paramref name="input"/> (the pooling's output shape) at the position its window's maximum came
    /// from, zeros elsewhere; <paramref name="output"/> has the pooling's input shape and is overwritten.
    /// </summary>
    public static void Forward(in Pool2DGeometry g, int batch, ReadOnlySpan<float> poolInput, ReadOnlySpan<float> poolOutput,
        ReadOnlySpan<float> input, Span<float> output)
    {
        Arguments.Pool(g, batch, poolInput.Length, nameof(poolInput), poolOutput.Length, nameof(poolOutput));
        Arguments.Length(input.Length, poolOutput.Length, nameof(input), $"the pooling output's length");
        Arguments.Length(output.Length, poolInput.Length, nameof(output), $"the pooling input's length");
        // Scattering values to the maxima is exactly the pooling's gradient routing.
        MaxPool2D.Backward(g, batch, poolInput, poolOutput, input, output);
    }

    /// <summary>
    /// Gathers each window's gradient from the position its maximum came from: <paramref name="inputGradient"/> (the
    /// pooling's output shape) is overwritten; skipped when empty.
    /// </summary>
    public static void Backward(in Pool2DGeometry g, int batch, ReadOnlySpan<float> poolInput, ReadOnlySpan<float> poolOutput,
        ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        Arguments.Pool(g, batch, poolInput.Length, nameof(poolInput), poolOutput.Length, nameof(poolOutput));
        Arguments.Length(outputGradient.Length, poolInput.Length, nameof(outputGradient), $"the pooling input's length");
        Arguments.LengthOrEmpty(inputGradient.Length, poolOutput.Length, nameof(inputGradient), $"the pooling output's length");
        if (inputGradient.IsEmpty)
        {
            return;
        }
        var channels = g.Channels;
        for (var n = 0; n < batch; n++)
        for (var oy = 0; oy < g.OutputHeight; oy++)
        for (var ox = 0; ox < g.OutputWidth; ox++)
        {
            var cell = ((n * g.OutputHeight + oy) * g.OutputWidth + ox) * channels;
            for (var c = 0; c < channels; c++)
            {
                var maximum = poolOutput[cell + c];
                var gradient = 0f;
                for (var ky = 0; ky < g.PoolHeight; ky++)
                {
                    var iy = oy * g.StrideHeight - g.PadTop + ky;
                    if (iy < 0 || iy >= g.InputHeight)
                    {
                        continue;
                    }
                    var kx = 0;
                    for (; kx < g.PoolWidth; kx++)
                    {
                        var ix = ox * g.StrideWidth - g.PadLeft + kx;
                        var offset = ((n * g.InputHeight + iy) * g.InputWidth + ix) * channels + c;
                        if (ix >= 0 && ix < g.InputWidth && poolInput[offset] == maximum)
                        {
                            gradient = outputGradient[offset];
                            break;
                        }
                    }
                    if (kx < g.PoolWidth)
                    {
                        break; // the first maximal cell in row-major order was found
                    }
                }
                inputGradient[cell + c] = gradient;
            }
        }
    }
}
