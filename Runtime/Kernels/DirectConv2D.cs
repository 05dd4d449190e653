using System;
using Generated.CompilerServices;
using Generated.Kernels.Convolution;
using Generated.Kernels.Validation;

namespace Generated.Kernels;

/// <summary>
/// Conv2D forward for small maps at batch 1 (generated Predict's batch-1 plan): a direct convolution whose register
/// tile holds a block of output pixels times up to 64 output channels, with bias and activation in the store, and
/// optionally the 2x2 max pool that follows the layer (<see cref="ForwardMaxPool"/>), so the pooled map is written once
/// and the convolution's own map never. The kernel is packed once by <see cref="Pack"/>, in a layout of its own (pack
/// again after the weights change). Same numbers as <see cref="Conv2D"/> up to rounding (another summation order).
/// </summary>
public static unsafe class DirectConv2D
{
    /// <summary>Packs <paramref name="kernel"/> (HWIO) and <paramref name="bias"/> (empty: no bias) into <paramref name="packed"/> for this class's Forward methods.</summary>
    public static void Pack(in Conv2DGeometry g, ReadOnlySpan<float> kernel, ReadOnlySpan<float> bias, PackedKernel packed)
    {
        ArgumentNullException.ThrowIfNull(packed);
        Arguments.ConvolutionForward(g, 0, 0, kernel.Length, bias.Length, 0, transposed: false);
        var contents = packed.Prepare(DirectBlocks.BlockFor(g.OutputChannels), g.KernelHeight * g.KernelWidth * g.InputChannels, g.OutputChannels,
            DirectBlocks.PackedLength(g), DirectBlocks.PaddedBiasLength(g), !bias.IsEmpty, keepPlain: false, PackedLayout.ChannelBlocks);
        fixed (float* w = kernel, b = bias)
        {
            DirectBlocks.Pack(g, w, b, contents.Kernel, contents.Bias);
        }
        packed.Publish(contents);
    }

    /// <summary><c>output = activation(conv(input, kernel) + bias)</c> with the kernel and bias <see cref="Pack"/> stored in <paramref name="kernel"/>.</summary>
    public static void Forward(in Conv2DGeometry g, int batch, ReadOnlySpan<float> input, PackedKernel kernel, Activation activation, Span<float> output)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        var packed = kernel.Read(g.KernelHeight * g.KernelWidth * g.InputChannels, g.OutputChannels, nameof(DirectConv2D), direct: true);
        Arguments.ConvolutionForward(g, batch, input.Length, g.KernelSize, packed.HasBias ? g.OutputChannels : 0, output.Length, transposed: false);
        fixed (float* x = input, y = output)
        {
            DirectBlocks.Run(g, pooled: false, batch, x, packed.Kernel, packed.Bias, activation, y, KernelOptions.SplitSingleSample);
        }
    }

    /// <summary>
    /// <c>output = maxpool2x2(activation(conv(input, kernel) + bias))</c>: the convolution and the 2x2, stride-2, Valid
    /// max pool after it (<paramref name="pool"/>) in one pass. The activation must be non-decreasing (so that it commutes
    /// with the maximum): Linear, ReLU, LeakyReLU, Sigmoid, Tanh, ELU, SELU, Softplus or ReLU6.
    /// </summary>
    /// <exception cref="ArgumentException">The pool is not 2x2 with stride 2 and no padding over this convolution's output, or the activation is not non-decreasing.</exception>
    public static void ForwardMaxPool(in Conv2DGeometry g, in Pool2DGeometry pool, int batch, ReadOnlySpan<float> input, PackedKernel kernel, Activation activation, Span<float> output)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        if (!CanFuseMaxPool(g, pool, activation))
        {
            throw new ArgumentException($"DirectConv2D.ForwardMaxPool takes a 2x2, stride-2, unpadded max pool over the convolution's {g.OutputHeight}x{g.OutputWidth}x{g.OutputChannels} output and a non-decreasing activation; got a {pool.PoolHeight}x{pool.PoolWidth} pool with stride {pool.StrideHeight}x{pool.StrideWidth} and padding ({pool.PadTop}, {pool.PadLeft}) over {pool.InputHeight}x{pool.InputWidth}x{pool.Channels} and {activation}.", nameof(pool));
        }
        var packed = kernel.Read(g.KernelHeight * g.KernelWidth * g.InputChannels, g.OutputChannels, nameof(DirectConv2D), direct: true);
        Arguments.ConvolutionForward(g, batch, input.Length, g.KernelSize, packed.HasBias ? g.OutputChannels : 0, (int)Math.Min(int.MaxValue, (long)batch * g.OutputSize), transposed: false);
        Arguments.Pool(pool, batch, (int)Math.Min(int.MaxValue, (long)batch * pool.InputSize), "input", output.Length, nameof(output));
        fixed (float* x = input, y = output)
        {
            DirectBlocks.Run(g, pooled: true, batch, x, packed.Kernel, packed.Bias, activation, y, KernelOptions.SplitSingleSample);
        }
    }

    /// <summary>
    /// Whether <see cref="ForwardMaxPool"/> takes <paramref name="pool"/> after <paramref name="g"/> with
    /// <paramref name="activation"/>: a 2x2, stride-2, unpadded pool over the whole convolution output with at least one
    /// pooled pixel, and an activation that commutes with the maximum.
    /// </summary>
    public static bool CanFuseMaxPool(in Conv2DGeometry g, in Pool2DGeometry pool, Activation activation) =>
        pool.PoolHeight == 2 && pool.PoolWidth == 2 && pool.StrideHeight == 2 && pool.StrideWidth == 2 && pool.PadTop == 0 && pool.PadLeft == 0
        && pool.InputHeight == g.OutputHeight && pool.InputWidth == g.OutputWidth && pool.Channels == g.OutputChannels
        && pool.OutputHeight == g.OutputHeight / 2 && pool.OutputWidth == g.OutputWidth / 2 && pool.OutputHeight > 0 && pool.OutputWidth > 0
        && IsNonDecreasing(activation);

    /// <summary>Whether <paramref name="activation"/> never decreases, so <c>max(f(a), f(b)) = f(max(a, b))</c>.</summary>
    private static bool IsNonDecreasing(Activation activation) => activation is Activation.Linear or Activation.Relu or Activation.LeakyRelu
        or Activation.Sigmoid or Activation.Tanh or Activation.Elu or Activation.Selu or Activation.Softplus or Activation.Relu6;
}
