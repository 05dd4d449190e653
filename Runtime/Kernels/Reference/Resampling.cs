using System;
using Generated.Kernels.Validation;

namespace Generated.Kernels.Reference;

/// <summary>Scalar reference of <see cref="Kernels.UpSampling2D"/>: input (N, IH, IW, C), output (N, IH*FH, IW*FW, C).</summary>
internal static class UpSampling2D
{
    /// <summary>Nearest repeats each pixel; bilinear interpolates with half-pixel centres (TF2 <c>resize</c>, PyTorch <c>align_corners=False</c>).</summary>
    public static void Forward(in UpSampling2DGeometry g, Interpolation interpolation, int batch, ReadOnlySpan<float> input, Span<float> output)
    {
        Arguments.UpSampling(g, interpolation, batch, input.Length, nameof(input), output.Length, nameof(output));
        int outHeight = g.InputHeight * g.FactorHeight, outWidth = g.InputWidth * g.FactorWidth, channels = g.Channels;
        for (var n = 0; n < batch; n++)
        for (var oy = 0; oy < outHeight; oy++)
        for (var ox = 0; ox < outWidth; ox++)
        for (var c = 0; c < channels; c++)
        {
            double value;
            if (interpolation == Interpolation.BedOfNails)
            {
                var corner = oy % g.FactorHeight == 0 && ox % g.FactorWidth == 0;
                value = corner ? input[((n * g.InputHeight + oy / g.FactorHeight) * g.InputWidth + ox / g.FactorWidth) * channels + c] : 0;
            }
            else if (interpolation == Interpolation.Nearest)
            {
                value = input[((n * g.InputHeight + oy / g.FactorHeight) * g.InputWidth + ox / g.FactorWidth) * channels + c];
            }
            else
            {
                var (y0, y1, wy) = BilinearSource.Of(oy, g.FactorHeight, g.InputHeight);
                var (x0, x1, wx) = BilinearSource.Of(ox, g.FactorWidth, g.InputWidth);
                var sample = input.Slice(n * g.InputSize, g.InputSize);
                value = (1 - wy) * ((1 - wx) * sample[Cell(g, y0, x0, c)] + wx * sample[Cell(g, y0, x1, c)])
                    + wy * ((1 - wx) * sample[Cell(g, y1, x0, c)] + wx * sample[Cell(g, y1, x1, c)]);
            }
            output[((n * outHeight + oy) * outWidth + ox) * channels + c] = (float)value;
        }
    }

    /// <summary>Adjoint of <see cref="Forward"/>: each input cell receives the weighted sum of the output gradients it contributed to; overwrites <paramref name="inputGradient"/>.</summary>
    public static void Backward(in UpSampling2DGeometry g, Interpolation interpolation, int batch, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        Arguments.UpSampling(g, interpolation, batch, inputGradient.IsEmpty ? batch * g.InputSize : inputGradient.Length,
            nameof(inputGradient), outputGradient.Length, nameof(outputGradient));
        if (inputGradient.IsEmpty)
        {
            return;
        }
        inputGradient.Clear();
        int outHeight = g.InputHeight * g.FactorHeight, outWidth = g.InputWidth * g.FactorWidth, channels = g.Channels;
        for (var n = 0; n < batch; n++)
        for (var oy = 0; oy < outHeight; oy++)
        for (var ox = 0; ox < outWidth; ox++)
        for (var c = 0; c < channels; c++)
        {
            double gradient = outputGradient[((n * outHeight + oy) * outWidth + ox) * channels + c];
            var sample = inputGradient.Slice(n * g.InputSize, g.InputSize);
            if (interpolation == Interpolation.BedOfNails)
            {
                if (oy % g.FactorHeight == 0 && ox % g.FactorWidth == 0)
                {
                    sample[Cell(g, oy / g.FactorHeight, ox / g.FactorWidth, c)] += (float)gradient;
                }
            }
            else if (interpolation == Interpolation.Nearest)
            {
                sample[Cell(g, oy / g.FactorHeight, ox / g.FactorWidth, c)] += (float)gradient;
            }
            else
            {
                var (y0, y1, wy) = BilinearSource.Of(oy, g.FactorHeight, g.InputHeight);
                var (x0, x1, wx) = BilinearSource.Of(ox, g.FactorWidth, g.InputWidth);
                sample[Cell(g, y0, x0, c)] += (float)((1 - wy) * (1 - wx) * gradient);
                sample[Cell(g, y0, x1, c)] += (float)((1 - wy) * wx * gradient);
                sample[Cell(g, y1, x0, c)] += (float)(wy * (1 - wx) * gradient);
                sample[Cell(g, y1, x1, c)] += (float)(wy * wx * gradient);
            }
        }
    }

    private static int Cell(in UpSampling2DGeometry g, int y, int x, int c) => (y * g.InputWidth + x) * g.Channels + c;
}
