using System;

namespace Generated.Kernels.Reference;

/// <summary>Scalar reference of <see cref="Kernels.ZeroPadding2D"/>: one output value at a time, by its coordinates.</summary>
internal static class ZeroPadding2D
{
    /// <summary>Output (oy, ox) is input (oy - PadTop, ox - PadLeft) when that lies inside the input, else 0.</summary>
    public static void Forward(in Padding2DGeometry g, int batch, ReadOnlySpan<float> input, Span<float> output)
    {
        Kernels.ZeroPadding2D.Check(g, batch, input.Length, nameof(input), output.Length, nameof(output));
        for (var n = 0; n < batch; n++)
        for (var oy = 0; oy < g.OutputHeight; oy++)
        for (var ox = 0; ox < g.OutputWidth; ox++)
        for (var c = 0; c < g.Channels; c++)
        {
            int iy = oy - g.PadTop, ix = ox - g.PadLeft;
            var inside = iy >= 0 && iy < g.InputHeight && ix >= 0 && ix < g.InputWidth;
            output[((n * g.OutputHeight + oy) * g.OutputWidth + ox) * g.Channels + c] =
                inside ? input[((n * g.InputHeight + iy) * g.InputWidth + ix) * g.Channels + c] : 0f;
        }
    }

    /// <summary>Adjoint of <see cref="Forward"/>: input (iy, ix) receives the gradient of output (iy + PadTop, ix + PadLeft); overwrites <paramref name="inputGradient"/>.</summary>
    public static void Backward(in Padding2DGeometry g, int batch, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        Kernels.ZeroPadding2D.Check(g, batch, inputGradient.IsEmpty ? batch * g.InputSize : inputGradient.Length, nameof(inputGradient), outputGradient.Length, nameof(outputGradient));
        if (inputGradient.IsEmpty)
        {
            return;
        }
        for (var n = 0; n < batch; n++)
        for (var iy = 0; iy < g.InputHeight; iy++)
        for (var ix = 0; ix < g.InputWidth; ix++)
        for (var c = 0; c < g.Channels; c++)
        {
            inputGradient[((n * g.InputHeight + iy) * g.InputWidth + ix) * g.Channels + c] =
                outputGradient[((n * g.OutputHeight + iy + g.PadTop) * g.OutputWidth + ix + g.PadLeft) * g.Channels + c];
        }
    }
}
