using System;
using Generated.Kernels.Validation;

namespace Generated.Kernels.Reference;

// Scalar twins of Generated.Kernels' pooling kernels: one output value at a time, sums in double.
// Input (N, IH, IW, C), output (N, OH, OW, C); output (oy, ox) covers input rows
// oy*SH - PadTop .. + PH - 1 and columns ox*SW - PadLeft .. + PW - 1; cells outside are padding.

/// <summary>Scalar reference of <see cref="Kernels.MaxPool2D"/>.</summary>
internal static class MaxPool2D
{
    /// <summary>Each output value is the maximum of the input cells of its window (padding never wins).</summary>
    public static void Forward(in Pool2DGeometry g, int batch, ReadOnlySpan<float> input, Span<float> output)
    {
        Arguments.Pool(g, batch, input.Length, nameof(input), output.Length, nameof(output));
        for (var n = 0; n < batch; n++)
        for (var oy = 0; oy < g.OutputHeight; oy++)
        for (var ox = 0; ox < g.OutputWidth; ox++)
        for (var c = 0; c < g.Channels; c++)
        {
            var best = float.NegativeInfinity;
            var any = false;
            for (var ky = 0; ky < g.PoolHeight; ky++)
            for (var kx = 0; kx < g.PoolWidth; kx++)
            {
                var iy = oy * g.StrideHeight - g.PadTop + ky;
                var ix = ox * g.StrideWidth - g.PadLeft + kx;
                if (iy < 0 || iy >= g.InputHeight || ix < 0 || ix >= g.InputWidth)
                {
                    continue;
                }
                var value = input[((n * g.InputHeight + iy) * g.InputWidth + ix) * g.Channels + c];
                best = any ? MathF.Max(best, value) : value;
                any = true;
            }
            output[((n * g.OutputHeight + oy) * g.OutputWidth + ox) * g.Channels + c] = best;
        }
    }

    /// <summary>Routes each output gradient to the first cell (row-major in its window) equal to the window's maximum; overwrites <paramref name="inputGradient"/>.</summary>
    public static void Backward(in Pool2DGeometry g, int batch, ReadOnlySpan<float> input, ReadOnlySpan<float> output,
        ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        Route(g, batch, input, output, outputGradient, inputGradient);
    }

    /// <summary>
    /// <see cref="Backward"/>, then the derivative of the ReLU that produced <paramref name="input"/>: each input-gradient
    /// cell is kept where the input is positive and zeroed elsewhere (two passes, as written before the fused kernel).
    /// </summary>
    public static void BackwardThroughRelu(in Pool2DGeometry g, int batch, ReadOnlySpan<float> input, ReadOnlySpan<float> output,
        ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        Route(g, batch, input, output, outputGradient, inputGradient);
        for (var i = 0; i < inputGradient.Length; i++)
        {
            inputGradient[i] = input[i] > 0f ? inputGradient[i] : 0f;
        }
    }

    private static void Route(in Pool2DGeometry g, int batch, ReadOnlySpan<float> input, ReadOnlySpan<float> output,
        ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        Arguments.Pool(g, batch, input.Length, nameof(input), output.Length, nameof(output));
        Arguments.Length(outputGradient.Length, output.Length, nameof(outputGradient), $"the output's length");
        Arguments.LengthOrEmpty(inputGradient.Length, input.Length, nameof(inputGradient), $"the input's length");
        if (inputGradient.IsEmpty)
        {
            return;
        }
        inputGradient.Clear();
        for (var n = 0; n < batch; n++)
        for (var oy = 0; oy < g.OutputHeight; oy++)
        for (var ox = 0; ox < g.OutputWidth; ox++)
        for (var c = 0; c < g.Channels; c++)
        {
            var o = ((n * g.OutputHeight + oy) * g.OutputWidth + ox) * g.Channels + c;
            var found = false;
            for (var ky = 0; ky < g.PoolHeight && !found; ky++)
            for (var kx = 0; kx < g.PoolWidth && !found; kx++)
            {
                var iy = oy * g.StrideHeight - g.PadTop + ky;
                var ix = ox * g.StrideWidth - g.PadLeft + kx;
                if (iy < 0 || iy >= g.InputHeight || ix < 0 || ix >= g.InputWidth)
                {
                    continue;
                }
                var i = ((n * g.InputHeight + iy) * g.InputWidth + ix) * g.Channels + c;
                if (input[i] == output[o])
                {
                    inputGradient[i] += outputGradient[o];
                    found = true;
                }
            }
        }
    }
}

/// <summary>Scalar reference of <see cref="Kernels.AveragePool2D"/>.</summary>
internal static class AveragePool2D
{
    /// <summary>Each output value is the mean of the input cells of its window; padded cells are not counted (Keras).</summary>
    public static void Forward(in Pool2DGeometry g, int batch, ReadOnlySpan<float> input, Span<float> output)
    {
        Arguments.Pool(g, batch, input.Length, nameof(input), output.Length, nameof(output));
        for (var n = 0; n < batch; n++)
        for (var oy = 0; oy < g.OutputHeight; oy++)
        for (var ox = 0; ox < g.OutputWidth; ox++)
        for (var c = 0; c < g.Channels; c++)
        {
            var sum = 0.0;
            var count = 0;
            for (var ky = 0; ky < g.PoolHeight; ky++)
            for (var kx = 0; kx < g.PoolWidth; kx++)
            {
                var iy = oy * g.StrideHeight - g.PadTop + ky;
                var ix = ox * g.StrideWidth - g.PadLeft + kx;
                if (iy < 0 || iy >= g.InputHeight || ix < 0 || ix >= g.InputWidth)
                {
                    continue;
                }
                sum += input[((n * g.InputHeight + iy) * g.InputWidth + ix) * g.Channels + c];
                count++;
            }
            output[((n * g.OutputHeight + oy) * g.OutputWidth + ox) * g.Channels + c] = (float)(sum / count);
        }
    }

    /// <summary>Spreads each output gradient evenly over the input cells of its window; overwrites <paramref name="inputGradient"/>.</summary>
    public static void Backward(in Pool2DGeometry g, int batch, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        Arguments.Pool(g, batch, inputGradient.IsEmpty ? batch * g.InputSize : inputGradient.Length, nameof(inputGradient),
            outputGradient.Length, nameof(outputGradient));
        if (inputGradient.IsEmpty)
        {
            return;
        }
        inputGradient.Clear();
        for (var n = 0; n < batch; n++)
        for (var oy = 0; oy < g.OutputHeight; oy++)
        for (var ox = 0; ox < g.OutputWidth; ox++)
        {
            var rows = Math.Min(oy * g.StrideHeight - g.PadTop + g.PoolHeight, g.InputHeight) - Math.Max(oy * g.StrideHeight - g.PadTop, 0);
            var columns = Math.Min(ox * g.StrideWidth - g.PadLeft + g.PoolWidth, g.InputWidth) - Math.Max(ox * g.StrideWidth - g.PadLeft, 0);
            var count = rows * columns;
            for (var c = 0; c < g.Channels; c++)
            {
                var share = (double)outputGradient[((n * g.OutputHeight + oy) * g.OutputWidth + ox) * g.Channels + c] / count;
                for (var ky = 0; ky < g.PoolHeight; ky++)
                for (var kx = 0; kx < g.PoolWidth; kx++)
                {
                    var iy = oy * g.StrideHeight - g.PadTop + ky;
                    var ix = ox * g.StrideWidth - g.PadLeft + kx;
                    if (iy >= 0 && iy < g.InputHeight && ix >= 0 && ix < g.InputWidth)
                    {
                        inputGradient[((n * g.InputHeight + iy) * g.InputWidth + ix) * g.Channels + c] += (float)share;
                    }
                }
            }
        }
    }
}

/// <summary>Scalar reference of <see cref="Kernels.GlobalAveragePool2D"/>.</summary>
internal static class GlobalAveragePool2D
{
    /// <summary>Mean over all pixels of each sample and channel: input (N, pixels, C), output (N, C).</summary>
    public static void Forward(int batch, int pixels, int channels, ReadOnlySpan<float> input, Span<float> output)
    {
        Arguments.GlobalPool(batch, pixels, channels, input.Length, nameof(input), output.Length, nameof(output));
        for (var n = 0; n < batch; n++)
        for (var c = 0; c < channels; c++)
        {
            var sum = 0.0;
            for (var p = 0; p < pixels; p++)
            {
                sum += input[(n * pixels + p) * channels + c];
            }
            output[n * channels + c] = (float)(sum / pixels);
        }
    }

    /// <summary>Each pixel receives its channel's output gradient divided by the pixel count; overwrites <paramref name="inputGradient"/>.</summary>
    public static void Backward(int batch, int pixels, int channels, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        Arguments.GlobalPool(batch, pixels, channels, inputGradient.IsEmpty ? batch * pixels * channels : inputGradient.Length,
            nameof(inputGradient), outputGradient.Length, nameof(outputGradient));
        if (inputGradient.IsEmpty)
        {
            return;
        }
        for (var n = 0; n < batch; n++)
        for (var p = 0; p < pixels; p++)
        for (var c = 0; c < channels; c++)
        {
            inputGradient[(n * pixels + p) * channels + c] = (float)((double)outputGradient[n * channels + c] / pixels);
        }
    }
}

/// <summary>Scalar reference of <see cref="Kernels.GlobalMaxPool2D"/>.</summary>
internal static class GlobalMaxPool2D
{
    /// <summary>Maximum over all pixels of each sample and channel: input (N, pixels, C), output (N, C).</summary>
    public static void Forward(int batch, int pixels, int channels, ReadOnlySpan<float> input, Span<float> output)
    {
        Arguments.GlobalPool(batch, pixels, channels, input.Length, nameof(input), output.Length, nameof(output));
        for (var n = 0; n < batch; n++)
        for (var c = 0; c < channels; c++)
        {
            var best = input[n * pixels * channels + c];
            for (var p = 1; p < pixels; p++)
            {
                best = MathF.Max(best, input[(n * pixels + p) * channels + c]);
            }
            output[n * channels + c] = best;
        }
    }

    /// <summary>Routes each output gradient to the first pixel equal to the maximum; overwrites <paramref name="inputGradient"/>.</summary>
    public static void Backward(int batch, int pixels, int channels, ReadOnlySpan<float> input, ReadOnlySpan<float> output,
        ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        Arguments.GlobalPool(batch, pixels, channels, input.Length, nameof(input), output.Length, nameof(output));
        Arguments.Length(outputGradient.Length, output.Length, nameof(outputGradient), $"the output's length");
        Arguments.LengthOrEmpty(inputGradient.Length, input.Length, nameof(inputGradient), $"the input's length");
        if (inputGradient.IsEmpty)
        {
            return;
        }
        inputGradient.Clear();
        for (var n = 0; n < batch; n++)
        for (var c = 0; c < channels; c++)
        {
            for (var p = 0; p < pixels; p++)
            {
                var i = (n * pixels + p) * channels + c;
                if (input[i] == output[n * channels + c])
                {
                    inputGradient[i] = outputGradient[n * channels + c];
                    break;
                }
            }
        }
    }
}
