using System;

namespace Generated.Kernels.Reference;

/// <summary>Scalar reference of <see cref="Kernels.Cropping2D"/>: one value at a time, by its coordinates.</summary>
internal static class Cropping2D
{
    /// <summary>Output (oy, ox) is input (oy + CropTop, ox + CropLeft).</summary>
    public static void Forward(in Cropping2DGeometry g, int batch, ReadOnlySpan<float> input, Span<float> output)
    {
        Kernels.Cropping2D.Check(g, batch, input.Length, nameof(input), output.Length, nameof(output));
        for (var n = 0; n < batch; n++)
        for (var oy = 0; oy < g.OutputHeight; oy++)
        for (var ox = 0; ox < g.OutputWidth; ox++)
        for (var c = 0; c < g.Channels; c++)
        {
            output[((n * g.OutputHeight + oy) * g.OutputWidth + ox) * g.Channels + c] =
                input[((n * g.InputHeight + oy + g.CropTop) * g.InputWidth + ox + g.CropLeft) * g.Channels + c];
        }
    }

    /// <summary>Adjoint of <see cref="Forward"/>: input (iy, ix) receives output (iy - CropTop, ix - CropLeft)'s gradient when it was kept, else 0.</summary>
    public static void Backward(in Cropping2DGeometry g, int batch, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        Kernels.Cropping2D.Check(g, batch, inputGradient.IsEmpty ? batch * g.InputSize : inputGradient.Length, nameof(inputGradient), outputGradient.Length, nameof(outputGradient));
        for (var n = 0; n < batch && !inputGradient.IsEmpty; n++)
        for (var iy = 0; iy < g.InputHeight; iy++)
        for (var ix = 0; ix < g.InputWidth; ix++)
        for (var c = 0; c < g.Channels; c++)
        {
            int oy = iy - g.CropTop, ox = ix - g.CropLeft;
            var kept = oy >= 0 && oy < g.OutputHeight && ox >= 0 && ox < g.OutputWidth;
            inputGradient[((n * g.InputHeight + iy) * g.InputWidth + ix) * g.Channels + c] =
                kept ? outputGradient[((n * g.OutputHeight + oy) * g.OutputWidth + ox) * g.Channels + c] : 0f;
        }
    }
}
