using System;
using Generated.Kernels.Gemm;
using Generated.Kernels.Validation;

namespace Generated.Kernels.Reference;

/// <summary>
/// Scalar twin of <see cref="Kernels.Conv2D"/>: the definition the fast kernel is tested against.
/// Plain loops straight from the index mapping in <see cref="Conv2DGeometry"/>, summed in double.
/// </summary>
internal static class Conv2D
{
    /// <summary>
    /// <c>output = activation(conv(input, kernel) + bias)</c>; input (N, IH, IW, IC), kernel (KH, KW, IC, OC),
    /// bias (OC) or empty, output (N, OH, OW, OC).
    /// </summary>
    public static void Forward(in Conv2DGeometry g, int batch, ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> bias, Activation activation, Span<float> output)
    {
        Arguments.ConvolutionForward(g, batch, input.Length, kernel.Length, bias.Length, output.Length, transposed: false);
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
                            var iy = oy * g.StrideHeight + ky * g.DilationHeight - g.PadTop;
                            if ((uint)iy >= (uint)g.InputHeight)
                            {
                                continue;
                            }
                            for (var kx = 0; kx < g.KernelWidth; kx++)
                            {
                                var ix = ox * g.StrideWidth + kx * g.DilationWidth - g.PadLeft;
                                if ((uint)ix >= (uint)g.InputWidth)
                                {
                                    continue;
                                }
                                for (var ic = 0; ic < g.InputChannels; ic++)
                                {
                                    sum += (double)input[InputIndex(g, n, iy, ix, ic)] * kernel[KernelIndex(g, ky, kx, ic, oc)];
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
    /// <see cref="Backward"/>, then the derivative of the ReLU that produced <paramref name="input"/>: the input gradient is
    /// kept where the input is positive and zeroed elsewhere.
    /// </summary>
    public static void BackwardThroughRelu(in Conv2DGeometry g, int batch, ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> outputGradient, Span<float> inputGradient, Span<float> kernelGradient, Span<float> biasGradient)
    {
        Backward(g, batch, input, kernel, outputGradient, inputGradient, kernelGradient, biasGradient);
        for (var i = 0; i < inputGradient.Length; i++)
        {
            inputGradient[i] = input[i] > 0f ? inputGradient[i] : 0f;
        }
    }

    /// <summary>
    /// Gradients of <see cref="Forward"/> given <paramref name="outputGradient"/> (already through the activation):
    /// <paramref name="inputGradient"/> is overwritten (skipped when empty), <paramref name="kernelGradient"/> and
    /// <paramref name="biasGradient"/> (skipped when empty) are accumulated.
    /// </summary>
    public static void Backward(in Conv2DGeometry g, int batch, ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> outputGradient, Span<float> inputGradient, Span<float> kernelGradient, Span<float> biasGradient)
    {
        Arguments.ConvolutionBackward(g, batch, input.Length, kernel.Length, outputGradient.Length, inputGradient.Length, kernelGradient.Length, biasGradient.Length, transposed: false);
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

        // dKernel[ky, kx, ic, oc] = sum over n, oy, ox of input[n, iy, ix, ic] * dOutput[n, oy, ox, oc].
        for (var ky = 0; ky < g.KernelHeight; ky++)
        {
            for (var kx = 0; kx < g.KernelWidth; kx++)
            {
                for (var ic = 0; ic < g.InputChannels; ic++)
                {
                    for (var oc = 0; oc < g.OutputChannels; oc++)
                    {
                        double sum = 0;
                        for (var n = 0; n < batch; n++)
                        {
                            for (var oy = 0; oy < g.OutputHeight; oy++)
                            {
                                var iy = oy * g.StrideHeight + ky * g.DilationHeight - g.PadTop;
                                if ((uint)iy >= (uint)g.InputHeight)
                                {
                                    continue;
                                }
                                for (var ox = 0; ox < g.OutputWidth; ox++)
                                {
                                    var ix = ox * g.StrideWidth + kx * g.DilationWidth - g.PadLeft;
                                    if ((uint)ix < (uint)g.InputWidth)
                                    {
                                        sum += (double)input[InputIndex(g, n, iy, ix, ic)] * outputGradient[OutputIndex(g, n, oy, ox, oc)];
                                    }
                                }
                            }
                        }
                        kernelGradient[KernelIndex(g, ky, kx, ic, oc)] += (float)sum;
                    }
                }
            }
        }

        if (inputGradient.IsEmpty)
        {
            return;
        }
        // dInput[n, iy, ix, ic] = sum over the (ky, kx, oc) whose output pixel reads (iy, ix).
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
                            var oy = InverseTap(iy, ky, g.StrideHeight, g.DilationHeight, g.PadTop, g.OutputHeight);
                            if (oy < 0)
                            {
                                continue;
                            }
                            for (var kx = 0; kx < g.KernelWidth; kx++)
                            {
                                var ox = InverseTap(ix, kx, g.StrideWidth, g.DilationWidth, g.PadLeft, g.OutputWidth);
                                if (ox < 0)
                                {
                                    continue;
                                }
                                for (var oc = 0; oc < g.OutputChannels; oc++)
                                {
                                    sum += (double)kernel[KernelIndex(g, ky, kx, ic, oc)] * outputGradient[OutputIndex(g, n, oy, ox, oc)];
                                }
                            }
                        }
                        inputGradient[InputIndex(g, n, iy, ix, ic)] = (float)sum;
                    }
                }
            }
        }
    }

    /// <summary>
    /// The coordinate <c>c</c> in <c>[0, size)</c> with <c>c*stride + tap*dilation - pad == position</c>, or -1 if none:
    /// which output pixel's tap reads an input pixel (Conv2D), or which input pixel a tap writes from (Conv2DTranspose).
    /// </summary>
    internal static int InverseTap(int position, int tap, int stride, int dilation, int pad, int size)
    {
        var shifted = position + pad - tap * dilation;
        if (shifted < 0 || shifted % stride != 0)
        {
            return -1;
        }
        var c = shifted / stride;
        return c < size ? c : -1;
    }

    private static int InputIndex(in Conv2DGeometry g, int n, int y, int x, int c) => ((n * g.InputHeight + y) * g.InputWidth + x) * g.InputChannels + c;

    private static int OutputIndex(in Conv2DGeometry g, int n, int y, int x, int c) => ((n * g.OutputHeight + y) * g.OutputWidth + x) * g.OutputChannels + c;

    private static int KernelIndex(in Conv2DGeometry g, int ky, int kx, int ic, int oc) => ((ky * g.KernelWidth + kx) * g.InputChannels + ic) * g.OutputChannels + oc;
}
