using System;
using System.Buffers;
using Generated.Kernels.Validation;

namespace Generated.Kernels;

/// <summary>
/// The shape of a separable 2D convolution (Keras <c>SeparableConv2D</c>): a depthwise convolution of
/// input (N, IH, IW, IC) with kernel (KH, KW, IC, M) into (N, OH, OW, IC*M) (strides, padding and dilation apply here),
/// then a 1x1 convolution with kernel (1, 1, IC*M, F) and bias (F) into output (N, OH, OW, F).
/// </summary>
public readonly record struct SeparableConv2DGeometry(
    int InputHeight, int InputWidth, int InputChannels,
    int OutputHeight, int OutputWidth, int DepthMultiplier, int Filters,
    int KernelHeight, int KernelWidth,
    int StrideHeight, int StrideWidth,
    int DilationHeight, int DilationWidth,
    int PadTop, int PadLeft)
{
    /// <summary>The depthwise step.</summary>
    public DepthwiseConv2DGeometry Depthwise => new(InputHeight, InputWidth, InputChannels, OutputHeight, OutputWidth, DepthMultiplier,
        KernelHeight, KernelWidth, StrideHeight, StrideWidth, DilationHeight, DilationWidth, PadTop, PadLeft);

    /// <summary>The pointwise (1x1) step.</summary>
    public Conv2DGeometry Pointwise => new(OutputHeight, OutputWidth, InputChannels * DepthMultiplier, OutputHeight, OutputWidth, Filters,
        1, 1, 1, 1, 1, 1, 0, 0);

    /// <summary>Floats per input sample.</summary>
    public int InputSize => InputHeight * InputWidth * InputChannels;

    /// <summary>Floats per output sample.</summary>
    public int OutputSize => OutputHeight * OutputWidth * Filters;

    /// <summary>Floats per sample of the depthwise step's output (what training keeps for Backward).</summary>
    public int DepthwiseSize => OutputHeight * OutputWidth * InputChannels * DepthMultiplier;
}

/// <summary>
/// Separable 2D convolution (Keras <c>SeparableConv2D</c>): <see cref="DepthwiseConv2D"/> then a 1x1 <see cref="Conv2D"/>
/// (a GEMM) with the bias and the activation fused into it.
/// </summary>
public static class SeparableConv2D
{
    /// <summary>
    /// <c>output = activation(pointwise(depthwise(input)) + bias)</c>. <paramref name="depthwiseOutput"/> receives the
    /// depthwise step (batch x <see cref="SeparableConv2DGeometry.DepthwiseSize"/>, kept for <see cref="Backward"/>); when
    /// empty (inference) the step runs one sample at a time through a pooled buffer.
    /// </summary>
    public static void Forward(in SeparableConv2DGeometry g, int batch, ReadOnlySpan<float> input, ReadOnlySpan<float> depthwiseKernel,
        ReadOnlySpan<float> pointwiseKernel, ReadOnlySpan<float> bias, Activation activation, Span<float> depthwiseOutput, Span<float> output)
    {
        Arguments.LengthOrEmpty(depthwiseOutput.Length, (long)batch * g.DepthwiseSize, nameof(depthwiseOutput), $"batch {batch} x {g.OutputHeight}x{g.OutputWidth}x{g.InputChannels * g.DepthMultiplier}, NHWC");
        var depthwise = g.Depthwise;
        var pointwise = g.Pointwise;
        if (!depthwiseOutput.IsEmpty || batch == 0)
        {
            DepthwiseConv2D.Forward(depthwise, batch, input, depthwiseKernel, ReadOnlySpan<float>.Empty, Activation.Linear, depthwiseOutput);
            Conv2D.Forward(pointwise, batch, depthwiseOutput, pointwiseKernel, bias, activation, output);
            return;
        }
        Arguments.Length(input.Length, (long)batch * depthwise.InputSize, nameof(input), $"batch {batch} x {g.InputHeight}x{g.InputWidth}x{g.InputChannels}, NHWC");
        Arguments.Length(output.Length, (long)batch * pointwise.OutputSize, nameof(output), $"batch {batch} x {g.OutputHeight}x{g.OutputWidth}x{g.Filters}, NHWC");
        var rented = ArrayPool<float>.Shared.Rent(g.DepthwiseSize);
        try
        {
            var step = rented.AsSpan(0, g.DepthwiseSize);
            for (var n = 0; n < batch; n++)
            {
                DepthwiseConv2D.Forward(depthwise, 1, input.Slice(n * depthwise.InputSize, depthwise.InputSize), depthwiseKernel, ReadOnlySpan<float>.Empty, Activation.Linear, step);
                Conv2D.Forward(pointwise, 1, step, pointwiseKernel, bias, activation, output.Slice(n * pointwise.OutputSize, pointwise.OutputSize));
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Gradients given <paramref name="outputGradient"/> (already through the activation) and the forward pass's
    /// <paramref name="depthwiseOutput"/>: <paramref name="inputGradient"/> is overwritten (skipped when empty), the kernel
    /// gradients and <paramref name="biasGradient"/> (skipped when empty) are accumulated.
    /// </summary>
    public static void Backward(in SeparableConv2DGeometry g, int batch, ReadOnlySpan<float> input, ReadOnlySpan<float> depthwiseKernel, ReadOnlySpan<float> pointwiseKernel,
        ReadOnlySpan<float> depthwiseOutput, ReadOnlySpan<float> outputGradient, Span<float> inputGradient, Span<float> depthwiseKernelGradient,
        Span<float> pointwiseKernelGradient, Span<float> biasGradient)
    {
        Arguments.Length(depthwiseOutput.Length, (long)batch * g.DepthwiseSize, nameof(depthwiseOutput), $"batch {batch} x {g.OutputHeight}x{g.OutputWidth}x{g.InputChannels * g.DepthMultiplier}, NHWC");
        var length = batch * g.DepthwiseSize;
        var rented = ArrayPool<float>.Shared.Rent(Math.Max(1, length));
        try
        {
            var depthwiseGradient = rented.AsSpan(0, length);
            Conv2D.Backward(g.Pointwise, batch, depthwiseOutput, pointwiseKernel, outputGradient, depthwiseGradient, pointwiseKernelGradient, biasGradient);
            DepthwiseConv2D.Backward(g.Depthwise, batch, input, depthwiseKernel, depthwiseGradient, inputGradient, depthwiseKernelGradient, Span<float>.Empty);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rented);
        }
    }
}
