using System;
using System.Numerics.Tensors;
using Generated.Kernels.Validation;

namespace Generated.Kernels;

/// <summary>
/// The shape of a depthwise 2D convolution (Keras <c>DepthwiseConv2D</c>): input (N, IH, IW, IC), kernel
/// (KH, KW, IC, M) as Keras stores <c>depthwise_kernel</c>, output (N, OH, OW, IC*M); output channel <c>c*M + m</c>
/// of pixel <c>(oy, ox)</c> sums input channel <c>c</c> at <c>(oy*SH + ky*DH - PadTop, ox*SW + kx*DW - PadLeft)</c>
/// (zero outside) times <c>kernel[ky, kx, c, m]</c>.
/// </summary>
public readonly record struct DepthwiseConv2DGeometry(
    int InputHeight, int InputWidth, int InputChannels,
    int OutputHeight, int OutputWidth, int DepthMultiplier,
    int KernelHeight, int KernelWidth,
    int StrideHeight, int StrideWidth,
    int DilationHeight, int DilationWidth,
    int PadTop, int PadLeft)
{
    /// <summary>Output channels: <c>InputChannels * DepthMultiplier</c>.</summary>
    public int OutputChannels => InputChannels * DepthMultiplier;

    /// <summary>Floats per input sample.</summary>
    public int InputSize => InputHeight * InputWidth * InputChannels;

    /// <summary>Floats per output sample.</summary>
    public int OutputSize => OutputHeight * OutputWidth * OutputChannels;

    /// <summary>Floats in the kernel.</summary>
    public int KernelSize => KernelHeight * KernelWidth * OutputChannels;
}

/// <summary>
/// Depthwise 2D convolution (Keras <c>DepthwiseConv2D</c>). Memory-bound: per output pixel, each tap is one vector
/// multiply-add over all channels (the kernel's <c>[KH, KW, IC*M]</c> layout puts a tap's weights in output-channel
/// order, so with multiplier 1 the input pixel, the tap's weights and the output pixel line up lane by lane).
/// </summary>
public static class DepthwiseConv2D
{
    /// <summary><c>output = activation(depthwise(input, kernel) + bias)</c>; an empty <paramref name="bias"/> means no bias.</summary>
    public static void Forward(in DepthwiseConv2DGeometry g, int batch, ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> bias, Activation activation, Span<float> output)
    {
        Arguments.DepthwiseForward(g, batch, input.Length, kernel.Length, bias.Length, output.Length);
        int channels = g.OutputChannels, multiplier = g.DepthMultiplier;
        for (var n = 0; n < batch; n++)
        for (var oy = 0; oy < g.OutputHeight; oy++)
        for (var ox = 0; ox < g.OutputWidth; ox++)
        {
            var pixel = output.Slice(((n * g.OutputHeight + oy) * g.OutputWidth + ox) * channels, channels);
            if (bias.IsEmpty)
            {
                pixel.Clear();
            }
            else
            {
                bias.CopyTo(pixel);
            }
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
                    var source = input.Slice(((n * g.InputHeight + iy) * g.InputWidth + ix) * g.InputChannels, g.InputChannels);
                    var tap = kernel.Slice((ky * g.KernelWidth + kx) * channels, channels);
                    if (multiplier == 1)
                    {
                        TensorPrimitives.MultiplyAdd(source, tap, pixel, pixel);
                    }
                    else
                    {
                        MultiplyAddExpanded(source, multiplier, tap, pixel);
                    }
                }
            }
        }
        if (activation != Activation.Linear)
        {
            Activations.Forward(activation, Activations.LeakyReluAlpha, channels, output, output);
        }
    }

    /// <summary>
    /// Gradients given <paramref name="outputGradient"/> (already through the activation): <paramref name="inputGradient"/>
    /// is overwritten (skipped when empty), <paramref name="kernelGradient"/> and <paramref name="biasGradient"/> (skipped
    /// when empty) are accumulated.
    /// </summary>
    public static void Backward(in DepthwiseConv2DGeometry g, int batch, ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> outputGradient,
        Span<float> inputGradient, Span<float> kernelGradient, Span<float> biasGradient)
    {
        Arguments.DepthwiseBackward(g, batch, input.Length, kernel.Length, outputGradient.Length, inputGradient.Length, kernelGradient.Length, biasGradient.Length);
        int channels = g.OutputChannels, multiplier = g.DepthMultiplier;
        var withInput = !inputGradient.IsEmpty;
        if (withInput)
        {
            inputGradient.Clear();
        }
        for (var n = 0; n < batch; n++)
        for (var oy = 0; oy < g.OutputHeight; oy++)
        for (var ox = 0; ox < g.OutputWidth; ox++)
        {
            var delta = outputGradient.Slice(((n * g.OutputHeight + oy) * g.OutputWidth + ox) * channels, channels);
            if (!biasGradient.IsEmpty)
            {
                TensorPrimitives.Add(biasGradient, delta, biasGradient);
            }
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
                    var offset = ((n * g.InputHeight + iy) * g.InputWidth + ix) * g.InputChannels;
                    var source = input.Slice(offset, g.InputChannels);
                    var tap = (ky * g.KernelWidth + kx) * channels;
                    var tapGradient = kernelGradient.Slice(tap, channels);
                    if (multiplier == 1)
                    {
                        TensorPrimitives.MultiplyAdd(source, delta, tapGradient, tapGradient);
                        if (withInput)
                        {
                            var target = inputGradient.Slice(offset, g.InputChannels);
                            TensorPrimitives.MultiplyAdd(kernel.Slice(tap, channels), delta, target, target);
                        }
                    }
                    else
                    {
                        MultiplyAddExpanded(source, multiplier, delta, tapGradient);
                        if (withInput)
                        {
                            SumGroups(kernel.Slice(tap, channels), delta, multiplier, inputGradient.Slice(offset, g.InputChannels));
                        }
                    }
                }
            }
        }
    }

    /// <summary><c>accumulator[c*M + m] += source[c] * weights[c*M + m]</c> (a multiplier above 1).</summary>
    private static void MultiplyAddExpanded(ReadOnlySpan<float> source, int multiplier, ReadOnlySpan<float> weights, Span<float> accumulator)
    {
        for (var c = 0; c < source.Length; c++)
        {
            var value = source[c];
            var first = c * multiplier;
            for (var m = 0; m < multiplier; m++)
            {
                accumulator[first + m] += value * weights[first + m];
            }
        }
    }

    /// <summary><c>target[c] += sum over m of weights[c*M + m] * delta[c*M + m]</c>.</summary>
    private static void SumGroups(ReadOnlySpan<float> weights, ReadOnlySpan<float> delta, int multiplier, Span<float> target)
    {
        for (var c = 0; c < target.Length; c++)
        {
            var sum = 0f;
            var first = c * multiplier;
            for (var m = 0; m < multiplier; m++)
            {
                sum += weights[first + m] * delta[first + m];
            }
            target[c] += sum;
        }
    }
}
