using System;
using System.Buffers;
using Generated.Kernels.Gemm;
using Generated.Kernels.Validation;

namespace Generated.Kernels;

/// <summary>
/// Grouped 2D convolution (Keras <c>Conv2D(groups=G)</c>): input channels and filters split into <c>G</c> contiguous
/// groups; group <c>j</c> convolves input channels <c>[j*IC/G, (j+1)*IC/G)</c> into output channels
/// <c>[j*OC/G, (j+1)*OC/G)</c>. Kernel <c>[KH, KW, IC/G, OC]</c> as Keras stores it (group <c>j</c> owns the columns of
/// its output channels). The geometry describes the whole layer (all channels). Each group gathers its
/// channels into a pooled buffer and runs the packed GEMM convolution of <see cref="Conv2D"/>.
/// </summary>
public static class GroupedConv2D
{
    /// <summary><c>output = activation(grouped_conv(input, kernel) + bias)</c>; an empty <paramref name="bias"/> means no bias.</summary>
    public static void Forward(in Conv2DGeometry g, int groups, int batch, ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> bias, Activation activation, Span<float> output)
    {
        Arguments.GroupedConvolution(g, groups, batch, input.Length, nameof(input), kernel.Length, nameof(kernel), bias.Length, nameof(bias), output.Length, nameof(output));
        var group = GroupGeometry(g, groups);
        int pixelsIn = batch * g.InputHeight * g.InputWidth, pixelsOut = batch * g.OutputHeight * g.OutputWidth;
        // Softmax normalizes over all the layer's output channels, so it cannot run inside a group: applied after the scatter.
        var groupActivation = activation == Activation.Softmax ? Activation.Linear : activation;
        var pool = ArrayPool<float>.Shared;
        float[] x = pool.Rent(Math.Max(1, pixelsIn * group.InputChannels)), w = pool.Rent(group.KernelSize), y = pool.Rent(Math.Max(1, pixelsOut * group.OutputChannels));
        try
        {
            for (var j = 0; j < groups; j++)
            {
                var groupInput = x.AsSpan(0, pixelsIn * group.InputChannels);
                var groupKernel = w.AsSpan(0, group.KernelSize);
                var groupOutput = y.AsSpan(0, pixelsOut * group.OutputChannels);
                Gather(input, g.InputChannels, j * group.InputChannels, group.InputChannels, groupInput);
                Gather(kernel, g.OutputChannels, j * group.OutputChannels, group.OutputChannels, groupKernel);
                var groupBias = bias.IsEmpty ? ReadOnlySpan<float>.Empty : bias.Slice(j * group.OutputChannels, group.OutputChannels);
                Conv2D.Forward(group, batch, groupInput, groupKernel, groupBias, groupActivation, groupOutput);
                Scatter(groupOutput, group.OutputChannels, output, g.OutputChannels, j * group.OutputChannels, accumulate: false);
            }
            if (groupActivation != activation)
            {
                FusedActivation.Apply(activation, g.OutputChannels, output.Slice(0, pixelsOut * g.OutputChannels));
            }
        }
        finally
        {
            pool.Return(x);
            pool.Return(w);
            pool.Return(y);
        }
    }

    /// <summary>
    /// Gradients given <paramref name="outputGradient"/> (already through the activation): <paramref name="inputGradient"/>
    /// is overwritten (skipped when empty), <paramref name="kernelGradient"/> and <paramref name="biasGradient"/>
    /// (skipped when empty) are accumulated.
    /// </summary>
    public static void Backward(in Conv2DGeometry g, int groups, int batch, ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> outputGradient,
        Span<float> inputGradient, Span<float> kernelGradient, Span<float> biasGradient)
    {
        Arguments.GroupedConvolution(g, groups, batch, input.Length, nameof(input), kernel.Length, nameof(kernel), biasGradient.Length, nameof(biasGradient), outputGradient.Length, nameof(outputGradient));
        Arguments.GroupedConvolution(g, groups, batch, inputGradient.IsEmpty ? batch * g.InputSize : inputGradient.Length, nameof(inputGradient), kernelGradient.Length, nameof(kernelGradient), 0, nameof(biasGradient), outputGradient.Length, nameof(outputGradient));
        var group = GroupGeometry(g, groups);
        int pixelsIn = batch * g.InputHeight * g.InputWidth, pixelsOut = batch * g.OutputHeight * g.OutputWidth;
        var withInput = !inputGradient.IsEmpty;
        var pool = ArrayPool<float>.Shared;
        float[] x = pool.Rent(Math.Max(1, pixelsIn * group.InputChannels)), dx = pool.Rent(Math.Max(1, pixelsIn * group.InputChannels)),
            w = pool.Rent(group.KernelSize), dw = pool.Rent(group.KernelSize), dy = pool.Rent(Math.Max(1, pixelsOut * group.OutputChannels));
        try
        {
            for (var j = 0; j < groups; j++)
            {
                var groupInput = x.AsSpan(0, pixelsIn * group.InputChannels);
                var groupKernel = w.AsSpan(0, group.KernelSize);
                var groupKernelGradient = dw.AsSpan(0, group.KernelSize);
                var groupOutputGradient = dy.AsSpan(0, pixelsOut * group.OutputChannels);
                var groupInputGradient = withInput ? dx.AsSpan(0, pixelsIn * group.InputChannels) : Span<float>.Empty;
                Gather(input, g.InputChannels, j * group.InputChannels, group.InputChannels, groupInput);
                Gather(kernel, g.OutputChannels, j * group.OutputChannels, group.OutputChannels, groupKernel);
                Gather(outputGradient, g.OutputChannels, j * group.OutputChannels, group.OutputChannels, groupOutputGradient);
                groupKernelGradient.Clear();
                var groupBiasGradient = biasGradient.IsEmpty ? Span<float>.Empty : biasGradient.Slice(j * group.OutputChannels, group.OutputChannels);
                Conv2D.Backward(group, batch, groupInput, groupKernel, groupOutputGradient, groupInputGradient, groupKernelGradient, groupBiasGradient);
                Scatter(groupKernelGradient, group.OutputChannels, kernelGradient, g.OutputChannels, j * group.OutputChannels, accumulate: true);
                if (withInput)
                {
                    Scatter(groupInputGradient, group.InputChannels, inputGradient, g.InputChannels, j * group.InputChannels, accumulate: false);
                }
            }
        }
        finally
        {
            pool.Return(x);
            pool.Return(dx);
            pool.Return(w);
            pool.Return(dw);
            pool.Return(dy);
        }
    }

    /// <summary>The geometry of one group: the layer's with its channel counts divided by <paramref name="groups"/>.</summary>
    internal static Conv2DGeometry GroupGeometry(in Conv2DGeometry g, int groups) =>
        g with { InputChannels = g.InputChannels / groups, OutputChannels = g.OutputChannels / groups };

    /// <summary>Copies columns <c>[first, first + count)</c> of each row of <paramref name="source"/> (rows of <paramref name="width"/>) into dense rows.</summary>
    private static void Gather(ReadOnlySpan<float> source, int width, int first, int count, Span<float> target)
    {
        var rows = target.Length / count;
        for (var r = 0; r < rows; r++)
        {
            source.Slice(r * width + first, count).CopyTo(target.Slice(r * count, count));
        }
    }

    /// <summary>Writes (or adds) dense rows of <paramref name="count"/> into columns <c>[first, first + count)</c> of rows of <paramref name="width"/>.</summary>
    private static void Scatter(ReadOnlySpan<float> source, int count, Span<float> target, int width, int first, bool accumulate)
    {
        var rows = source.Length / count;
        for (var r = 0; r < rows; r++)
        {
            var row = target.Slice(r * width + first, count);
            if (accumulate)
            {
                System.Numerics.Tensors.TensorPrimitives.Add(row, source.Slice(r * count, count), row);
            }
            else
            {
                source.Slice(r * count, count).CopyTo(row);
            }
        }
    }
}
