using System;
using Generated.CompilerServices;
using Generated.Kernels.Convolution;
using Generated.Kernels.Gemm;
using Generated.Kernels.Validation;

namespace Generated.Kernels;

/// <summary>
/// Conv2D forward for 3x3, stride-1, undilated kernels by Winograd's minimal filtering F(2x2, 3x3): 2.25 times fewer
/// multiply-adds than the direct convolution or the GEMM on even maps, for layers with enough channels
/// (<see cref="Suits"/>; <see cref="Conv2D"/> itself takes it for them, see <see cref="KernelOptions.Winograd"/>), optionally with the 2x2 max pool after the layer in its store
/// (<see cref="ForwardMaxPool"/>). The kernel is transformed and packed once by <see cref="Pack"/> (pack again after the
/// weights change). Same numbers as <see cref="Conv2D"/> up to rounding: the transforms add and subtract inputs before
/// the products, so results differ from the direct sum in the last bits (relative error about 1e-6 on unit-scaled data).
/// </summary>
public static unsafe class WinogradConv2D
{
    /// <summary>Fewest input channels for which <see cref="Suits"/> holds.</summary>
    public const int MinInputChannels = WinogradTiles.MinInputChannels;

    /// <summary>Fewest output channels for which <see cref="Suits"/> holds.</summary>
    public const int MinOutputChannels = WinogradTiles.MinOutputChannels;

    /// <summary>
    /// Whether the convolution is one this class computes: a 3x3 kernel, stride 1, no dilation, at least
    /// <see cref="MinInputChannels"/> input and <see cref="MinOutputChannels"/> output channels (with fewer the
    /// transforms and padded panels cost more than the products they save). <see cref="Conv2D"/> takes the same path for
    /// these unless <see cref="KernelOptions.Winograd"/> is off or the map is so small that the 2x2 tiles hanging over its
    /// edges waste the savings (fewer than about 1.7 times fewer multiply-adds).
    /// </summary>
    public static bool Suits(in Conv2DGeometry g) => WinogradTiles.Suits(g);

    /// <summary>Packs <paramref name="kernel"/> (HWIO) and <paramref name="bias"/> (empty: no bias) into <paramref name="packed"/> for this class's Forward methods.</summary>
    /// <exception cref="ArgumentException">The convolution is not one this class computes (<see cref="Suits"/>), or a length is wrong.</exception>
    public static void Pack(in Conv2DGeometry g, ReadOnlySpan<float> kernel, ReadOnlySpan<float> bias, PackedKernel packed)
    {
        ArgumentNullException.ThrowIfNull(packed);
        Arguments.ConvolutionForward(g, 0, 0, kernel.Length, bias.Length, 0, transposed: false);
        RequireSuited(g);
        PackSuited(g, kernel, bias, packed);
    }

    /// <summary><see cref="Pack"/> once the arguments are checked (<see cref="Conv2D.Pack"/> packs suited layers this way too).</summary>
    internal static void PackSuited(in Conv2DGeometry g, ReadOnlySpan<float> kernel, ReadOnlySpan<float> bias, PackedKernel packed)
    {
        var nr = MatrixProduct.PanelWidth;
        var contents = packed.Prepare(nr, g.KernelHeight * g.KernelWidth * g.InputChannels, g.OutputChannels,
            WinogradTiles.PackedLength(nr, g), g.OutputChannels, !bias.IsEmpty, keepPlain: false, PackedLayout.WinogradTiles);
        fixed (float* w = kernel)
        {
            WinogradTiles.Pack(nr, g, w, contents.Kernel);
        }
        if (!bias.IsEmpty)
        {
            bias.CopyTo(new Span<float>(contents.Bias, g.OutputChannels));
        }
        packed.Publish(contents);
    }

    /// <summary><c>output = activation(conv(input, kernel) + bias)</c> with the kernel and bias <see cref="Pack"/> stored in <paramref name="kernel"/>.</summary>
    public static void Forward(in Conv2DGeometry g, int batch, ReadOnlySpan<float> input, PackedKernel kernel, Activation activation, Span<float> output)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        RequireSuited(g);
        var packed = kernel.Read(g.KernelHeight * g.KernelWidth * g.InputChannels, g.OutputChannels, nameof(WinogradConv2D));
        Arguments.ConvolutionForward(g, batch, input.Length, g.KernelSize, packed.HasBias ? g.OutputChannels : 0, output.Length, transposed: false);
        fixed (float* x = input, y = output)
        {
            WinogradTiles.Run(g, pooled: false, batch, x, packed.PanelWidth, packed.Kernel, packed.Bias, activation, y, KernelOptions.SplitSingleSample);
        }
    }

    /// <summary>
    /// <c>output = maxpool2x2(activation(conv(input, kernel) + bias))</c>: the convolution and the 2x2, stride-2, Valid
    /// max pool after it (<paramref name="pool"/>) in one pass, whose windows are the transform's 2x2 output tiles. The
    /// activation must be non-decreasing, as for <see cref="DirectConv2D.ForwardMaxPool"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The pool is not 2x2 with stride 2 and no padding over this convolution's output, or the activation is not non-decreasing.</exception>
    public static void ForwardMaxPool(in Conv2DGeometry g, in Pool2DGeometry pool, int batch, ReadOnlySpan<float> input, PackedKernel kernel, Activation activation, Span<float> output)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        RequireSuited(g);
        if (!DirectConv2D.CanFuseMaxPool(g, pool, activation))
        {
            throw new ArgumentException($"WinogradConv2D.ForwardMaxPool takes a 2x2, stride-2, unpadded max pool over the convolution's {g.OutputHeight}x{g.OutputWidth}x{g.OutputChannels} output and a non-decreasing activation; got a {pool.PoolHeight}x{pool.PoolWidth} pool with stride {pool.StrideHeight}x{pool.StrideWidth} and padding ({pool.PadTop}, {pool.PadLeft}) over {pool.InputHeight}x{pool.InputWidth}x{pool.Channels} and {activation}.", nameof(pool));
        }
        var packed = kernel.Read(g.KernelHeight * g.KernelWidth * g.InputChannels, g.OutputChannels, nameof(WinogradConv2D));
        Arguments.ConvolutionForward(g, batch, input.Length, g.KernelSize, packed.HasBias ? g.OutputChannels : 0, (int)Math.Min(int.MaxValue, (long)batch * g.OutputSize), transposed: false);
        Arguments.Pool(pool, batch, (int)Math.Min(int.MaxValue, (long)batch * pool.InputSize), "input", output.Length, nameof(output));
        fixed (float* x = input, y = output)
        {
            WinogradTiles.Run(g, pooled: true, batch, x, packed.PanelWidth, packed.Kernel, packed.Bias, activation, y, KernelOptions.SplitSingleSample);
        }
    }

    private static void RequireSuited(in Conv2DGeometry g)
    {
        if (!Suits(g))
        {
            throw new ArgumentException(
                $"WinogradConv2D computes 3x3, stride-1, undilated convolutions with at least {MinInputChannels} input and {MinOutputChannels} output channels; got a {g.KernelHeight}x{g.KernelWidth} kernel, stride {g.StrideHeight}x{g.StrideWidth}, dilation {g.DilationHeight}x{g.DilationWidth}, {g.InputChannels} -> {g.OutputChannels} channels. Use Conv2D or DirectConv2D for it.",
                nameof(g));
        }
    }
}
