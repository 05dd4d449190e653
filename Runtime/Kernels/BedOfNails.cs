using System;

namespace Generated.Kernels;

/// <summary>
/// <see cref="UpSampling2D"/> with <see cref="Interpolation.BedOfNails"/>: input pixel (iy, ix) goes to output
/// (iy*FH, ix*FW), the top-left of its block, and the rest of the block is zero; the backward pass reads the gradient
/// back from those cells. Whole pixels (C floats) are copied at a time.
/// </summary>
internal static class BedOfNails
{
    public static void Forward(in UpSampling2DGeometry g, int batch, ReadOnlySpan<float> input, Span<float> output)
    {
        output.Clear();
        int channels = g.Channels, outputWidth = g.InputWidth * g.FactorWidth;
        for (var row = 0; row < batch * g.InputHeight; row++)
        {
            var outputRow = output.Slice(row * g.FactorHeight * outputWidth * channels, outputWidth * channels);
            for (var x = 0; x < g.InputWidth; x++)
            {
                input.Slice((row * g.InputWidth + x) * channels, channels).CopyTo(outputRow.Slice(x * g.FactorWidth * channels, channels));
            }
        }
    }

    public static void Backward(in UpSampling2DGeometry g, int batch, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        int channels = g.Channels, outputWidth = g.InputWidth * g.FactorWidth;
        for (var row = 0; row < batch * g.InputHeight; row++)
        {
            var outputRow = outputGradient.Slice(row * g.FactorHeight * outputWidth * channels, outputWidth * channels);
            for (var x = 0; x < g.InputWidth; x++)
            {
                outputRow.Slice(x * g.FactorWidth * channels, channels).CopyTo(inputGradient.Slice((row * g.InputWidth + x) * channels, channels));
            }
        }
    }
}
