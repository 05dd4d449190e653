using System;
using Generated.Kernels.Gemm;
using Generated.Kernels.Validation;

namespace Generated.Kernels.Reference;

/// <summary>
/// Scalar twins of <see cref="Kernels.DepthwiseConv2D"/>, <see cref="Kernels.SeparableConv2D"/> and
/// <see cref="Kernels.GroupedConv2D"/>: plain loops straight from the index mappings, summed in double.
/// </summary>
internal static class DepthwiseConv2D
{
    /// <summary>Output channel <c>c*M + m</c> sums input channel <c>c</c> under <c>kernel[ky, kx, c, m]</c>, plus the bias.</summary>
    public static void Forward(in DepthwiseConv2DGeometry g, int batch, ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> bias, Activation activation, Span<float> output)
    {
        Arguments.DepthwiseForward(g, batch, input.Length, kernel.Length, bias.Length, output.Length);
        for (var n = 0; n < batch; n++)
        for (var oy = 0; oy < g.OutputHeight; oy++)
        for (var ox = 0; ox < g.OutputWidth; ox++)
        for (var o = 0; o < g.OutputChannels; o++)
        {
            double sum = bias.IsEmpty ? 0 : bias[o];
            var c = o / g.DepthMultiplier;
            for (var ky = 0; ky < g.KernelHeight; ky++)
            for (var kx = 0; kx < g.KernelWidth; kx++)
            {
                int iy = oy * g.StrideHeight + ky * g.DilationHeight - g.PadTop, ix = ox * g.StrideWidth + kx * g.DilationWidth - g.PadLeft;
                if (iy >= 0 && iy < g.InputHeight && ix >= 0 && ix < g.InputWidth)
                {
                    sum += (double)input[((n * g.InputHeight + iy) * g.InputWidth + ix) * g.InputChannels + c] * kernel[(ky * g.KernelWidth + kx) * g.OutputChannels + o];
                }
            }
            output[((n * g.OutputHeight + oy) * g.OutputWidth + ox) * g.OutputChannels + o] = (float)sum;
        }
        FusedActivation.Apply(activation, g.OutputChannels, output);
    }

    /// <summary>Input gradient overwritten (skipped when empty); kernel and bias gradients accumulated.</summary>
    public static void Backward(in DepthwiseConv2DGeometry g, int batch, ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> outputGradient,
        Span<float> inputGradient, Span<float> kernelGradient, Span<float> biasGradient)
    {
        Arguments.DepthwiseBackward(g, batch, input.Length, kernel.Length, outputGradient.Length, inputGradient.Length, kernelGradient.Length, biasGradient.Length);
        inputGradient.Clear();
        for (var n = 0; n < batch; n++)
        for (var oy = 0; oy < g.OutputHeight; oy++)
        for (var ox = 0; ox < g.OutputWidth; ox++)
        for (var o = 0; o < g.OutputChannels; o++)
        {
            var delta = outputGradient[((n * g.OutputHeight + oy) * g.OutputWidth + ox) * g.OutputChannels + o];
            if (!biasGradient.IsEmpty)
            {
                biasGradient[o] += delta;
            }
            var c = o / g.DepthMultiplier;
            for (var ky = 0; ky < g.KernelHeight; ky++)
            for (var kx = 0; kx < g.KernelWidth; kx++)
            {
                int iy = oy * g.StrideHeight + ky * g.DilationHeight - g.PadTop, ix = ox * g.StrideWidth + kx * g.DilationWidth - g.PadLeft;
                if (iy >= 0 && iy < g.InputHeight && ix >= 0 && ix < g.InputWidth)
                {
                    var cell = ((n * g.InputHeight + iy) * g.InputWidth + ix) * g.InputChannels + c;
                    var tap = (ky * g.KernelWidth + kx) * g.OutputChannels + o;
                    kernelGradient[tap] += input[cell] * delta;
                    if (!inputGradient.IsEmpty)
                    {
                        inputGradient[cell] += kernel[tap] * delta;
                    }
                }
            }
        }
    }
}

/// <summary>Scalar twin of <see cref="Kernels.SeparableConv2D"/>: the reference depthwise step, then the reference 1x1 convolution.</summary>
internal static class SeparableConv2D
{
    /// <summary>As <see cref="Kernels.SeparableConv2D.Forward"/>; <paramref name="depthwiseOutput"/> must be given.</summary>
    public static void Forward(in SeparableConv2DGeometry g, int batch, ReadOnlySpan<float> input, ReadOnlySpan<float> depthwiseKernel,
        ReadOnlySpan<float> pointwiseKernel, ReadOnlySpan<float> bias, Activation activation, Span<float> depthwiseOutput, Span<float> output)
    {
        DepthwiseConv2D.Forward(g.Depthwise, batch, input, depthwiseKernel, ReadOnlySpan<float>.Empty, Activation.Linear, depthwiseOutput);
        Conv2D.Forward(g.Pointwise, batch, depthwiseOutput, pointwiseKernel, bias, activation, output);
    }

    /// <summary>As <see cref="Kernels.SeparableConv2D.Backward"/>.</summary>
    public static void Backward(in SeparableConv2DGeometry g, int batch, ReadOnlySpan<float> input, ReadOnlySpan<float> depthwiseKernel, ReadOnlySpan<float> pointwiseKernel,
        ReadOnlySpan<float> depthwiseOutput, ReadOnlySpan<float> outputGradient, Span<float> inputGradient, Span<float> depthwiseKernelGradient,
        Span<float> pointwiseKernelGradient, Span<float> biasGradient)
    {
        var depthwiseGradient = new float[batch * g.DepthwiseSize];
        Conv2D.Backward(g.Pointwise, batch, depthwiseOutput, pointwiseKernel, outputGradient, depthwiseGradient, pointwiseKernelGradient, biasGradient);
        DepthwiseConv2D.Backward(g.Depthwise, batch, input, depthwiseKernel, depthwiseGradient, inputGradient, depthwiseKernelGradient, Span<float>.Empty);
    }
}

/// <summary>Scalar twin of <see cref="Kernels.GroupedConv2D"/>: output channel <c>o</c> of group <c>o / (OC/G)</c> sums only its group's input channels.</summary>
internal static class GroupedConv2D
{
    /// <summary>As <see cref="Kernels.GroupedConv2D.Forward"/>.</summary>
    public static void Forward(in Conv2DGeometry g, int groups, int batch, ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> bias, Activation activation, Span<float> output)
    {
        Arguments.GroupedConvolution(g, groups, batch, input.Length, nameof(input), kernel.Length, nameof(kernel), bias.Length, nameof(bias), output.Length, nameof(output));
        int perGroupIn = g.InputChannels / groups, perGroupOut = g.OutputChannels / groups;
        for (var n = 0; n < batch; n++)
        for (var oy = 0; oy < g.OutputHeight; oy++)
        for (var ox = 0; ox < g.OutputWidth; ox++)
        for (var oc = 0; oc < g.OutputChannels; oc++)
        {
            double sum = bias.IsEmpty ? 0 : bias[oc];
            var first = oc / perGroupOut * perGroupIn;
            for (var ky = 0; ky < g.KernelHeight; ky++)
            for (var kx = 0; kx < g.KernelWidth; kx++)
            {
                int iy = oy * g.StrideHeight + ky * g.DilationHeight - g.PadTop, ix = ox * g.StrideWidth + kx * g.DilationWidth - g.PadLeft;
                if (iy < 0 || iy >= g.InputHeight || ix < 0 || ix >= g.InputWidth)
                {
                    continue;
                }
                for (var i = 0; i < perGroupIn; i++)
                {
                    sum += (double)input[((n * g.InputHeight + iy) * g.InputWidth + ix) * g.InputChannels + first + i]
                        * kernel[((ky * g.KernelWidth + kx) * perGroupIn + i) * g.OutputChannels + oc];
                }
            }
            output[((n * g.OutputHeight + oy) * g.OutputWidth + ox) * g.OutputChannels + oc] = (float)sum;
        }
        FusedActivation.Apply(activation, g.OutputChannels, output);
    }

    /// <summary>As <see cref="Kernels.GroupedConv2D.Backward"/>.</summary>
    public static void Backward(in Conv2DGeometry g, int groups, int batch, ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> outputGradient,
        Span<float> inputGradient, Span<float> kernelGradient, Span<float> biasGradient)
    {
        Arguments.GroupedConvolution(g, groups, batch, input.Length, nameof(input), kernel.Length, nameof(kernel), biasGradient.Length, nameof(biasGradient), outputGradient.Length, nameof(outputGradient));
        int perGroupIn = g.InputChannels / groups, perGroupOut = g.OutputChannels / groups;
        inputGradient.Clear();
        for (var n = 0; n < batch; n++)
        for (var oy = 0; oy < g.OutputHeight; oy++)
        for (var ox = 0; ox < g.OutputWidth; ox++)
        for (var oc = 0; oc < g.OutputChannels; oc++)
        {
            var delta = outputGradient[((n * g.OutputHeight + oy) * g.OutputWidth + ox) * g.OutputChannels + oc];
            if (!biasGradient.IsEmpty)
            {
                biasGradient[oc] += delta;
            }
            var first = oc / perGroupOut * perGroupIn;
            for (var ky = 0; ky < g.KernelHeight; ky++)
            for (var kx = 0; kx < g.KernelWidth; kx++)
            {
                int iy = oy * g.StrideHeight + ky * g.DilationHeight - g.PadTop, ix = ox * g.StrideWidth + kx * g.DilationWidth - g.PadLeft;
                if (iy < 0 || iy >= g.InputHeight || ix < 0 || ix >= g.InputWidth)
                {
                    continue;
                }
                for (var i = 0; i < perGroupIn; i++)
                {
                    var cell = ((n * g.InputHeight + iy) * g.InputWidth + ix) * g.InputChannels + first + i;
                    var tap = ((ky * g.KernelWidth + kx) * perGroupIn + i) * g.OutputChannels + oc;
                    kernelGradient[tap] += input[cell] * delta;
                    if (!inputGradient.IsEmpty)
                    {
                        inputGradient[cell] += kernel[tap] * delta;
                    }
                }
            }
        }
    }
}
