using System;
using Generated.CompilerServices;
using Generated.Kernels.Convolution;
using Generated.Kernels.Gemm;
using Generated.Kernels.Validation;

namespace Generated.Kernels;

/// <summary>
/// 2D convolution (Keras <c>Conv2D</c>) as packed, register-blocked GEMMs over im2col chunks, split
/// across <see cref="KernelOptions.MaxThreads"/> threads when the work is large enough; 3x3 stride-1 layers over many
/// channels by Winograd's F(2x2, 3x3) instead (<see cref="WinogradConv2D"/>, <see cref="KernelOptions.Winograd"/>).
/// Input (N, IH, IW, IC), kernel HWIO (KH, KW, IC, OC), bias (OC) or empty, output (N, OH, OW, OC).
/// </summary>
public static unsafe class Conv2D
{
    /// <summary><c>output = activation(conv(input, kernel) + bias)</c>; an empty <paramref name="bias"/> means no bias.</summary>
    public static void Forward(in Conv2DGeometry g, int batch, ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> bias, Activation activation, Span<float> output)
    {
        Arguments.ConvolutionForward(g, batch, input.Length, kernel.Length, bias.Length, output.Length, transposed: false);
        fixed (float* x = input, w = kernel, b = bias, y = output)
        {
            ConvolutionEngine.Forward(g, batch, x, w, b, activation, y);
        }
    }

    /// <summary>
    /// Packs <paramref name="kernel"/> and <paramref name="bias"/> (empty: no bias) into <paramref name="packed"/> for
    /// <see cref="Forward(in Conv2DGeometry, int, ReadOnlySpan{float}, PackedKernel, Activation, Span{float})"/>; pack again after they change.
    /// </summary>
    public static void Pack(in Conv2DGeometry g, ReadOnlySpan<float> kernel, ReadOnlySpan<float> bias, PackedKernel packed)
    {
        ArgumentNullException.ThrowIfNull(packed);
        Arguments.ConvolutionForward(g, 0, 0, kernel.Length, bias.Length, 0, transposed: false);
        if (WinogradTiles.Chosen(g, (long)g.OutputHeight * g.OutputWidth))
        {
            // The same path the unpacked Forward takes for this layer, so packed and unpacked give the same bits.
            WinogradConv2D.PackSuited(g, kernel, bias, packed);
            return;
        }
        var nr = MatrixProduct.PanelWidth;
        // Layers with few output channels may take the pixel-lane path, which reads the kernel in its own layout.
        var contents = packed.Prepare(nr, g.KernelHeight * g.KernelWidth * g.InputChannels, g.OutputChannels,
            ConvolutionEngine.PackedForwardLength(g, nr), ConvolutionEngine.PaddedBiasLength(g, nr), !bias.IsEmpty, keepPlain: true);
        fixed (float* w = kernel, b = bias)
        {
            ConvolutionEngine.PackForward(g, nr, w, b, contents.Kernel, contents.Bias);
        }
        kernel.CopyTo(new Span<float>(contents.PlainKernel, kernel.Length));
        bias.CopyTo(new Span<float>(contents.PlainBias, bias.Length));
        packed.Publish(contents);
    }

    /// <summary><c>output = activation(conv(input, kernel) + bias)</c> with the kernel and bias <see cref="Pack"/> stored in <paramref name="kernel"/>.</summary>
    public static void Forward(in Conv2DGeometry g, int batch, ReadOnlySpan<float> input, PackedKernel kernel, Activation activation, Span<float> output)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        var packed = kernel.Read(g.KernelHeight * g.KernelWidth * g.InputChannels, g.OutputChannels, nameof(Conv2D));
        Arguments.ConvolutionForward(g, batch, input.Length, g.KernelSize, packed.HasBias ? g.OutputChannels : 0, output.Length, transposed: false);
        fixed (float* x = input, y = output)
        {
            if (packed.Layout == PackedLayout.WinogradTiles)
            {
                WinogradTiles.Run(g, pooled: false, batch, x, packed.PanelWidth, packed.Kernel, packed.Bias, activation, y, KernelOptions.SplitSingleSample);
                return;
            }
            ConvolutionEngine.ForwardWithPacked(g, batch, packed.PanelWidth, x, packed.PlainKernel, packed.PlainBias, packed.Kernel, packed.Bias, activation, y);
        }
    }

    /// <summary>
    /// Gradients given <paramref name="outputGradient"/> (already through the activation): <paramref name="inputGradient"/>
    /// is overwritten (skipped when empty), <paramref name="kernelGradient"/> and <paramref name="biasGradient"/>
    /// (skipped when empty) are accumulated.
    /// </summary>
    public static void Backward(in Conv2DGeometry g, int batch, ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> outputGradient, Span<float> inputGradient, Span<float> kernelGradient, Span<float> biasGradient)
    {
        Arguments.ConvolutionBackward(g, batch, input.Length, kernel.Length, outputGradient.Length, inputGradient.Length, kernelGradient.Length, biasGradient.Length, transposed: false);
        fixed (float* x = input, w = kernel, dy = outputGradient, dx = inputGradient, dw = kernelGradient)
        {
            ConvolutionEngine.KernelAndBiasGradient(g, batch, x, dy, dw, biasGradient);
            if (dx != null)
            {
                ConvolutionEngine.InputGradient(g, batch, w, dy, null, Activation.Linear, dx);
            }
        }
    }

    /// <summary>
    /// The kernel and bias gradients of a convolution whose output only a 2x2, stride-2, unpadded max pool reads, from that
    /// pool's output gradient and the positions its forward pass recorded
    /// (<see cref="MaxPool2D.Forward(in Pool2DGeometry, int, ReadOnlySpan{float}, Span{float}, Span{int})"/>): the same sums
    /// as <see cref="MaxPool2D.BackwardThroughRelu"/> (or <see cref="MaxPool2D.Backward"/> without
    /// <paramref name="reluMask"/>) followed by <see cref="Backward"/> without an input gradient, to the bit, but the
    /// convolution's output gradient is built a chunk at a time while the kernel gradient reads it, never as a whole map.
    /// A network's first convolution takes this path in training, where no input gradient is needed.
    /// <paramref name="kernelGradient"/> and <paramref name="biasGradient"/> (skipped when empty) are accumulated.
    /// </summary>
    /// <param name="g">The convolution.</param>
    /// <param name="pool">The 2x2, stride-2, unpadded max pool that reads the convolution's output.</param>
    /// <param name="batch">Samples.</param>
    /// <param name="input">The convolution's input, NHWC.</param>
    /// <param name="positions">What the pool's forward pass recorded, one per pooled value.</param>
    /// <param name="pooledGradient">dLoss/dPooled, NHWC.</param>
    /// <param name="kernelGradient">Accumulates dLoss/dKernel, Keras' (KH, KW, IC, OC) layout.</param>
    /// <param name="biasGradient">Accumulates dLoss/dBias; empty when the convolution has no bias.</param>
    /// <param name="reluMask">The convolution's activation is ReLU: the gradient passes only where the maximum was above zero.</param>
    /// <exception cref="ArgumentException">The pool does not read this convolution's output with 2x2 windows and stride 2, or a length is wrong.</exception>
    public static void KernelGradientThroughMaxPool(in Conv2DGeometry g, in Pool2DGeometry pool, int batch, ReadOnlySpan<float> input, ReadOnlySpan<int> positions,
        ReadOnlySpan<float> pooledGradient, Span<float> kernelGradient, Span<float> biasGradient, bool reluMask)
    {
        // No kernel and no output gradient are passed: their lengths are the ones the check expects, so only the spans given are named.
        Arguments.ConvolutionBackward(g, batch, input.Length, g.KernelSize, (int)Math.Min(int.MaxValue, (long)batch * g.OutputSize), 0, kernelGradient.Length, biasGradient.Length, transposed: false);
        if (pool.InputHeight != g.OutputHeight || pool.InputWidth != g.OutputWidth || pool.Channels != g.OutputChannels || !MaxPool2D.IsUnpadded2x2(pool))
        {
            throw new ArgumentException(
                $"KernelGradientThroughMaxPool takes a 2x2, stride-2, unpadded max pool over the convolution's {g.OutputHeight}x{g.OutputWidth}x{g.OutputChannels} output; got a {pool.PoolHeight}x{pool.PoolWidth} pool with stride {pool.StrideHeight}x{pool.StrideWidth} and padding ({pool.PadTop}, {pool.PadLeft}) over {pool.InputHeight}x{pool.InputWidth}x{pool.Channels}.", nameof(pool));
        }
        Arguments.Pool(pool, batch, (int)Math.Min(int.MaxValue, (long)batch * pool.InputSize), "the convolution's output", pooledGradient.Length, nameof(pooledGradient));
        if (positions.Length != pooledGradient.Length)
        {
            throw new ArgumentException($"positions has {positions.Length} values but must have one per pooled value, {pooledGradient.Length}.", nameof(positions));
        }
        fixed (float* x = input, dy = pooledGradient, dw = kernelGradient)
        fixed (int* p = positions)
        {
            ConvolutionEngine.KernelAndBiasGradientThroughMaxPool(g, pool, batch, x, p, dy, reluMask, dw, biasGradient);
        }
    }

    /// <summary>
    /// <see cref="Backward"/> for a layer whose <paramref name="input"/> is the output of a ReLU: <paramref name="inputGradient"/>
    /// is the gradient with respect to that ReLU's pre-activation (the input gradient times <c>input &gt; 0</c>), fused into
    /// the input gradient's last pass; kernel and bias gradients as <see cref="Backward"/>.
    /// </summary>
    public static void BackwardThroughRelu(in Conv2DGeometry g, int batch, ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> outputGradient, Span<float> inputGradient, Span<float> kernelGradient, Span<float> biasGradient)
    {
        Arguments.ConvolutionBackward(g, batch, input.Length, kernel.Length, outputGradient.Length, inputGradient.Length, kernelGradient.Length, biasGradient.Length, transposed: false);
        fixed (float* x = input, w = kernel, dy = outputGradient, dx = inputGradient, dw = kernelGradient)
        {
            ConvolutionEngine.KernelAndBiasGradient(g, batch, x, dy, dw, biasGradient);
            if (dx != null)
            {
                ConvolutionEngine.InputGradientThroughRelu(g, batch, w, dy, x, dx);
            }
        }
    }
}

/// <summary>
/// Transposed 2D convolution (Keras <c>Conv2DTranspose</c>): the Conv2D products with input and output
/// swapped, so its forward pass is a col2im scatter of <c>input x kernel^T</c> and its input gradient a
/// Conv2D forward pass. Input (N, IH, IW, IC), kernel (KH, KW, OC, IC) as Keras stores it, bias (OC) or
/// empty, output (N, OH, OW, OC).
/// </summary>
public static unsafe class Conv2DTranspose
{
    /// <summary><c>output = activation(conv_transpose(input, kernel) + bias)</c>; an empty <paramref name="bias"/> means no bias.</summary>
    public static void Forward(in Conv2DGeometry g, int batch, ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> bias, Activation activation, Span<float> output)
    {
        Arguments.ConvolutionForward(g, batch, input.Length, kernel.Length, bias.Length, output.Length, transposed: true);
        fixed (float* x = input, w = kernel, b = bias, y = output)
        {
            ConvolutionEngine.InputGradient(ConvolutionEngine.Transposed(g), batch, w, x, b, activation, y);
        }
    }

    /// <summary>
    /// Gradients given <paramref name="outputGradient"/> (already through the activation): <paramref name="inputGradient"/>
    /// is overwritten (skipped when empty), <paramref name="kernelGradient"/> and <paramref name="biasGradient"/>
    /// (skipped when empty) are accumulated.
    /// </summary>
    public static void Backward(in Conv2DGeometry g, int batch, ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> outputGradient, Span<float> inputGradient, Span<float> kernelGradient, Span<float> biasGradient)
    {
        Arguments.ConvolutionBackward(g, batch, input.Length, kernel.Length, outputGradient.Length, inputGradient.Length, kernelGradient.Length, biasGradient.Length, transposed: true);
        var swapped = ConvolutionEngine.Transposed(g);
        fixed (float* x = input, w = kernel, dy = outputGradient, dx = inputGradient, dw = kernelGradient)
        {
            if (!biasGradient.IsEmpty)
            {
                ColumnSums.AddTo(batch * g.OutputHeight * g.OutputWidth, g.OutputChannels, dy, biasGradient);
            }
            // The swapped Conv2D reads this layer's output gradient as its input and this layer's input as its output gradient.
            ConvolutionEngine.KernelGradient(swapped, batch, dy, x, dw);
            if (dx != null)
            {
                ConvolutionEngine.Forward(swapped, batch, dy, w, null, Activation.Linear, dx);
            }
        }
    }
}
