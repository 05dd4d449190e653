using System;
using Generated.CompilerServices;
using Generated.Kernels.Convolution;
using Generated.Kernels.Gemm;
using Generated.Kernels.Threading;
using Generated.Kernels.Validation;

namespace Generated.Kernels;

/// <summary>
/// Fully connected layer (Keras <c>Dense</c>) over the last axis as packed, register-blocked GEMMs; a layer with few
/// units (up to 16, a classifier's head) as dot products against its kernel transposed, which panels would pad.
/// Input (rows, inputs), kernel (inputs, units), bias (units) or empty, output (rows, units);
/// <c>rows</c> is batch x H x W for a Dense applied to an image.
/// </summary>
public static unsafe class Dense
{
    /// <summary><c>output = activation(input x kernel + bias)</c>; an empty <paramref name="bias"/> means no bias.</summary>
    public static void Forward(int rows, int inputs, int units, ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> bias, Activation activation, Span<float> output)
    {
        Arguments.DenseForward(rows, inputs, units, input.Length, kernel.Length, bias.Length, output.Length);
        if (units <= DotProducts.MaxColumns)
        {
            // The same product as the packed overload's, so Forward and a packed Predict give the same bits.
            var transposed = Scratch.Get(ScratchBuffer.PackedMatrix, (long)inputs * units);
            fixed (float* x = input, w = kernel, b = bias, y = output)
            {
                Transpose(inputs, units, w, transposed);
                DotProductsWork.Run(rows, units, inputs, x, transposed, b, activation, y);
            }
            return;
        }
        var nr = MatrixProduct.PanelWidth;
        var packed = Scratch.Get(ScratchBuffer.PackedMatrix, MatrixProduct.PackedLength(nr, inputs, units));
        var paddedBias = bias.IsEmpty ? null : Scratch.Get(ScratchBuffer.Bias, MatrixProduct.PackedLength(nr, 1, units));
        fixed (float* x = input, w = kernel, b = bias, y = output)
        {
            PackKernel(nr, inputs, units, w, b, packed, paddedBias);
            GemmRowsWork.Run(nr, rows, units, inputs, x, inputs, 1, packed, paddedBias, false, activation, y, units);
        }
    }

    /// <summary>
    /// Packs <paramref name="kernel"/> and <paramref name="bias"/> (empty: no bias) into <paramref name="packed"/> for
    /// <see cref="Forward(int, int, int, ReadOnlySpan{float}, PackedKernel, Activation, Span{float})"/>; pack again after they change.
    /// </summary>
    /// <remarks>
    /// A layer with few units (a classifier's last, up to <see cref="DotProducts.MaxColumns"/>) is packed transposed, one
    /// row of inputs per unit, for dot products: panels would pad it to a whole panel of columns, and at batch 1, where
    /// the kernel is read once per call, reading the padding is most of the time (M5's 8192 x 10 kernel is 1 MB as
    /// 32-wide panels, 320 KB as rows).
    /// </remarks>
    public static void Pack(int inputs, int units, ReadOnlySpan<float> kernel, ReadOnlySpan<float> bias, PackedKernel packed)
    {
        ArgumentNullException.ThrowIfNull(packed);
        Arguments.DenseForward(0, inputs, units, 0, kernel.Length, bias.Length, 0);
        if (units <= DotProducts.MaxColumns)
        {
            PackRows(inputs, units, kernel, bias, packed);
            return;
        }
        var nr = MatrixProduct.PanelWidth;
        var contents = packed.Prepare(nr, inputs, units, MatrixProduct.PackedLength(nr, inputs, units), MatrixProduct.PackedLength(nr, 1, units), !bias.IsEmpty, keepPlain: false);
        fixed (float* w = kernel, b = bias)
        {
            PackKernel(nr, inputs, units, w, b, contents.Kernel, contents.Bias);
        }
        packed.Publish(contents);
    }

    /// <summary>The kernel transposed to units x inputs and the bias as it is, for <see cref="DotProducts"/>.</summary>
    private static void PackRows(int inputs, int units, ReadOnlySpan<float> kernel, ReadOnlySpan<float> bias, PackedKernel packed)
    {
        var contents = packed.Prepare(0, inputs, units, (long)inputs * units, units, !bias.IsEmpty, keepPlain: false, PackedLayout.TransposedRows);
        fixed (float* w = kernel)
        {
            Transpose(inputs, units, w, contents.Kernel);
        }
        if (!bias.IsEmpty)
        {
            bias.CopyTo(new Span<float>(contents.Bias, units));
        }
        packed.Publish(contents);
    }

    /// <summary>The kernel (inputs x units) as units rows of inputs floats: the NHWC-to-planes transpose, inputs as pixels and units as channels.</summary>
    private static void Transpose(int inputs, int units, float* kernel, float* rows) =>
        BlockTranspose.PixelsToPlanes(kernel, inputs, units, rows, inputs);

    /// <summary><c>output = activation(input x kernel + bias)</c> with the kernel and bias <see cref="Pack"/> stored in <paramref name="kernel"/>.</summary>
    public static void Forward(int rows, int inputs, int units, ReadOnlySpan<float> input, PackedKernel kernel, Activation activation, Span<float> output)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        var packed = kernel.Read(inputs, units, nameof(Dense));
        Arguments.DenseForward(rows, inputs, units, input.Length, inputs * units, packed.HasBias ? units : 0, output.Length);
        fixed (float* x = input, y = output)
        {
            if (packed.Layout == PackedLayout.TransposedRows)
            {
                DotProductsWork.Run(rows, units, inputs, x, packed.Kernel, packed.Bias, activation, y);
            }
            else
            {
                GemmRowsWork.Run(packed.PanelWidth, rows, units, inputs, x, inputs, 1, packed.Kernel, packed.Bias, false, activation, y, units);
            }
        }
    }

    /// <summary>The kernel (inputs x units) into column panels, the bias (unless null) padded to whole panels.</summary>
    private static void PackKernel(int nr, int inputs, int units, float* kernel, float* bias, float* packed, float* paddedBias)
    {
        MatrixProduct.Pack(nr, inputs, units, kernel, units, 1, packed);
        if (bias != null)
        {
            MatrixProduct.PadBias(nr, units, bias, paddedBias);
        }
    }

    /// <summary>
    /// Gradients given <paramref name="outputGradient"/> (already through the activation): <paramref name="inputGradient"/>
    /// is overwritten (skipped when empty), <paramref name="kernelGradient"/> and <paramref name="biasGradient"/>
    /// (skipped when empty) are accumulated.
    /// </summary>
    public static void Backward(int rows, int inputs, int units, ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> outputGradient, Span<float> inputGradient, Span<float> kernelGradient, Span<float> biasGradient)
    {
        Arguments.DenseBackward(rows, inputs, units, input.Length, kernel.Length, outputGradient.Length, inputGradient.Length, kernelGradient.Length, biasGradient.Length);
        var nr = MatrixProduct.PanelWidth;
        fixed (float* x = input, w = kernel, dy = outputGradient, dx = inputGradient, dw = kernelGradient)
        {
            if (!biasGradient.IsEmpty)
            {
                ColumnSums.AddTo(rows, units, dy, biasGradient);
            }
            if (rows > 0)
            {
                // dW (inputs x units) += input^T x dOut: A element (i, r) = input[r*inputs + i], B = dOut packed.
                var packedRows = Scratch.Get(ScratchBuffer.PackedRows, MatrixProduct.PackedLength(nr, rows, units));
                MatrixProduct.Pack(nr, rows, units, dy, units, 1, packedRows);
                GemmRowsWork.Run(nr, inputs, units, rows, x, 1, inputs, packedRows, null, true, Activation.Linear, dw, units);
            }
            if (dx != null)
            {
                // dIn (rows x inputs) = dOut x W^T: B element (u, i) = kernel[i*units + u].
                var packed = Scratch.Get(ScratchBuffer.PackedMatrix, MatrixProduct.PackedLength(nr, units, inputs));
                MatrixProduct.Pack(nr, units, inputs, w, 1, units, packed);
                GemmRowsWork.Run(nr, rows, inputs, units, dy, units, 1, packed, null, false, Activation.Linear, dx, inputs);
            }
        }
    }
}
