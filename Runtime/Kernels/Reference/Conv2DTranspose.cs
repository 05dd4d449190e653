using System;
using Generated.Kernels.Gemm;
using Generated.Kernels.Validation;

namespace Generated.Kernels.Reference;

/// <summary>
/// Scalar twin of <see cref="Kernels.Conv2DTranspose"/>: plain loops straight from the index mapping in
/// <see cref="Conv2DGeometry"/> (input pixel <c>(iy, ix)</c> tap <c>(ky, kx)</c> lands on output
/// <c>(iy*SH + ky*DH - PadTop, ix*SW + kx*DW - PadLeft)</c>), summed in double.
/// </summary>
internal static class Conv2DTranspose
{
    /// <summary>
    /// <c>output = activation(conv_transpose(input, kernel) + bias)</c>; input (N, IH, IW, IC), kernel (KH, KW, OC, IC),
    /// bias (OC) or empty, output (N, OH, OW, OC).
    /// </summary>
    public static void Forward(in Conv2DGeometry g, int batch, ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> bias, Activation activation, Span<float> output)
    {
        Arguments.ConvolutionForward(g, batch, input.Length, kernel.Length, bias.Length, output.Length, transposed: true);
        for (var n = 0; n < batch; n++)
        {
            for (var oy = 0; oy < g.OutputHeight; oy++)
            {
                for (var ox = 0; ox < g.OutputWidth; ox++)
                {
                    for (var oc = 0; oc < g.OutputChannels; oc++)
                    {
                        double sum = bias.IsEmpty ? 0 : bias[oc];
                        for (var ky = 0; ky < g.KernelHeight; ky++)
                        {
                            var iy = Conv2D.InverseTap(oy, ky, g.StrideHeight, g.DilationHeight, g.PadTop, g.InputHeight);
                            if (iy < 0)
                            {
                                continue;
                            }
                            for (var kx = 0; kx < g.KernelWidth; kx++)
                            {
                                var ix = Conv2D.InverseTap(ox, kx, g.StrideWidth, g.DilationWidth, g.PadLeft, g.InputWidth);
                                if (ix < 0)
                                {
                                    continue;
                                }
                                for (var ic = 0; ic < g.InputChannels; ic++)
                                {
                                    sum += (double)input[InputIndex(g, n, iy, ix, ic)] * kernel[KernelIndex(g, ky, kx, oc, ic)];
                                }
                            }
                        }
                        output[OutputIndex(g, n, oy, ox, oc)] = (float)sum;
                    }
                }
            }
        }
        FusedActivation.Apply(activation, g.OutputChannels, output);
    }

    /// <summary>
    /// Gradients of <see cref="Forward"/> given <paramref name="outputGradient"/> (already through the activation):
    /// <paramref name="inputGradient"/> is overwritten (skipped when empty), <paramref name="kernelGradient"/> and
    /// <paramref name="biasGradient"/> (skipped when empty) are accumulated.
    /// </summary>
    public static void Backward(in Conv2DGeometry g, int batch, ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> outputGradient, Span<float> inputGradient, Span<float> kernelGradient, Span<float> biasGradient)
    {
        Arguments.ConvolutionBackward(g, batch, input.Length, kernel.Length, outputGradient.Length, inputGradient.Length, kernelGradient.Length, biasGradient.Length, transposed: true);
        if (!biasGradient.IsEmpty)
        {
            for (var oc = 0; oc < g.OutputChannels; oc++)
            {
                double sum = 0;
                for (var pixel = 0; pixel < batch * g.OutputHeight * g.OutputWidth; pixel++)
                {
                    sum += outputGradient[pixel * g.OutputChannels + oc];
                }
                biasGradient[oc] += (float)sum;
            }
        }

        // dKernel[ky, kx, oc, ic] = sum over n, iy, ix of input[n, iy, ix, ic] * dOutput[n, oy, ox, oc].
        for (var ky = 0; ky < g.KernelHeight; ky++)
        {
            for (var kx = 0; kx < g.KernelWidth; kx++)
            {
                for (var oc = 0; oc < g.OutputChannels; oc++)
                {
                    for (var ic = 0; ic < g.InputChannels; ic++)
                    {
                        double sum = 0;
                        for (var n = 0; n < batch; n++)
                        {
                            for (var iy = 0; iy < g.InputHeight; iy++)
                            {
                                var oy = iy * g.StrideHeight + ky * g.DilationHeight - g.PadTop;
                                if ((uint)oy >= (uint)g.OutputHeight)
                                {
                                    continue;
                                }
                                for (var ix = 0; ix < g.InputWidth; ix++)
                                {
                                    var ox = ix * g.StrideWidth + kx * g.DilationWidth - g.PadLeft;
                                    if ((uint)ox < (uint)g.OutputWidth)
                                    {
                                        sum += (double)input[InputIndex(g, n, iy, ix, ic)] * outputGradient[OutputIndex(g, n, oy, ox, oc)];
                                    }
                                }
                            }
                        }
                        kernelGradient[KernelIndex(g, ky, kx, oc, ic)] += (float)sum;
                    }
                }
            }
        }

        if (inputGradient.IsEmpty)
        {
            return;
        }
        // dInput[n, iy, ix, ic] = sum over the taps and output channels that input pixel wrote to.
        for (var n = 0; n < batch; n++)
        {
            for (var iy = 0; iy < g.InputHeight; iy++)
            {
                for (var ix = 0; ix < g.InputWidth; ix++)
                {
                    for (var ic = 0; ic < g.InputChannels; ic++)
                    {
                        double sum = 0;
                        for (var ky = 0; ky < g.KernelHeight; ky++)
                        {
                            var oy = iy * g.StrideHeight + ky * g.DilationHeight - g.PadTop;
                            if ((uint)oy >= (uint)g.OutputHeight)
                            {
                                continue;
                            }
                            for (var kx = 0; kx < g.KernelWidth; kx++)
                            {
                                var ox = ix * g.StrideWidth + kx * g.DilationWidth - g.PadLeft;
                                if ((uint)ox >= (uint)g.OutputWidth)
                                {
                                    continue;
                                }
                                for (var oc = 0; oc < g.OutputChannels; oc++)
                                {
                                    sum += (double)kernel[KernelIndex(g, ky, kx, oc, ic)] * outputGradient[OutputIndex(g, n, oy, ox, oc)];
                                }
                            }
                        }
                        inputGradient[InputIndex(g, n, iy, ix, ic)] = (float)sum;
                    }
                }
            }
        }
    }

    private static int InputIndex(in Conv2DGeometry g, int n, int y, int x, int c) => ((n * g.InputHeight + y) * g.InputWidth + x) * g.InputChannels + c;

    private static int OutputIndex(in Conv2DGeometry g, int n, int y, int x, int c) => ((n * g.OutputHeight + y) * g.OutputWidth + x) * g.OutputChannels + c;

    private static int KernelIndex(in Conv2DGeometry g, int ky, int kx, int oc, int ic) => ((ky * g.KernelWidth + kx) * g.OutputChannels + oc) * g.InputChannels + ic;
}
