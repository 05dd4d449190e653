using System;
using Generated.CompilerServices;
using Generated.Kernels.Gemm;
using Generated.Kernels.Threading;
using Generated.Kernels.Validation;

namespace Generated.Kernels;

/// <summary>
/// Fully connected layer (Keras <c>Dense</c>) over the last axis as packed, register-blocked GEMMs.
/// Input (rows, inputs), kernel (inputs, units), bias (units) or empty, output (rows, units);
/// <c>rows</c> is batch x H x W for a Dense applied to an image.
/// </summary>
public static unsafe class Dense
{
    /// <summary><c>output = activation(input x kernel + bias)</c>; an empty <paramref name="bias"/> means no bias.</summary>
    public static void Forward(int rows, int inputs, int units, ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> bias, Activation activation, Span<float> output)
    {
        Arguments.DenseForward(rows, inputs, units, input.Length, kernel.Length, bias.Length, output.Length);
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
    public static void Pack(int inputs, int units, ReadOnlySpan<float> kernel, ReadOnlySpan<float> bias, PackedKernel packed)
    {
        ArgumentNullException.ThrowIfNull(packed);
        Arguments.DenseForward(0, inputs, units, 0, kernel.Length, bias.Length, 0);
        var nr = MatrixProduct.PanelWidth;
        var contents = packed.Prepare(nr, inputs, units, MatrixProduct.PackedLength(nr, inputs, units), MatrixProduct.PackedLength(nr, 1, units), !bias.IsEmpty, keepPlain: false);
        fixed (float* w = kernel, b = bias)
        {
            PackKernel(nr, inputs, units, w, b, contents.Kernel, contents.Bias);
        }
        packed.Publish(contents);
    }

    /// <summary><c>output = activation(input x kernel + bias)</c> with the kernel and bias <see cref="Pack"/> stored in <paramref name="kernel"/>.</summary>
    public static void Forward(int rows, int inputs, int units, ReadOnlySpan<float> input, PackedKernel kernel, Activation activation, Span<float> output)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        var packed = kernel.Read(inputs, units, nameof(Dense));
        Arguments.DenseForward(rows, inputs, units, input.Length, inputs * units, packed.HasBias ? units : 0, output.Length);
        fixed (float* x = input, y = output)
        {
            GemmRowsWork.Run(packed.PanelWidth, rows, units, inputs, x, inputs, 1, packed.Kernel, packed.Bias, false, activation, y, units);
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
