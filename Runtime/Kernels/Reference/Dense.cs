using System;
using Generated.Kernels.Gemm;
using Generated.Kernels.Validation;

namespace Generated.Kernels.Reference;

/// <summary>Scalar twin of <see cref="Kernels.Dense"/>: plain loops summed in double.</summary>
internal static class Dense
{
    /// <summary>
    /// <c>output = activation(input x kernel + bias)</c>; input (rows, inputs), kernel (inputs, units),
    /// bias (units) or empty, output (rows, units).
    /// </summary>
    public static void Forward(int rows, int inputs, int units, ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> bias, Activation activation, Span<float> output)
    {
        Arguments.DenseForward(rows, inputs, units, input.Length, kernel.Length, bias.Length, output.Length);
        for (var r = 0; r < rows; r++)
        {
            for (var u = 0; u < units; u++)
            {
                double sum = bias.IsEmpty ? 0 : bias[u];
                for (var i = 0; i < inputs; i++)
                {
                    sum += (double)input[r * inputs + i] * kernel[i * units + u];
                }
                output[r * units + u] = (float)sum;
            }
        }
        FusedActivation.Apply(activation, units, output);
    }

    /// <summary>
    /// Gradients of <see cref="Forward"/> given <paramref name="outputGradient"/> (already through the activation):
    /// <paramref name="inputGradient"/> is overwritten (skipped when empty), <paramref name="kernelGradient"/> and
    /// <paramref name="biasGradient"/> (skipped when empty) are accumulated.
    /// </summary>
    public static void Backward(int rows, int inputs, int units, ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> outputGradient, Span<float> inputGradient, Span<float> kernelGradient, Span<float> biasGradient)
    {
        Arguments.DenseBackward(rows, inputs, units, input.Length, kernel.Length, outputGradient.Length, inputGradient.Length, kernelGradient.Length, biasGradient.Length);
        if (!biasGradient.IsEmpty)
        {
            for (var u = 0; u < units; u++)
            {
                double sum = 0;
                for (var r = 0; r < rows; r++)
                {
                    sum += outputGradient[r * units + u];
                }
                biasGradient[u] += (float)sum;
            }
        }
        for (var i = 0; i < inputs; i++)
        {
            for (var u = 0; u < units; u++)
            {
                double sum = 0;
                for (var r = 0; r < rows; r++)
                {
                    sum += (double)input[r * inputs + i] * outputGradient[r * units + u];
                }
                kernelGradient[i * units + u] += (float)sum;
            }
        }
        if (inputGradient.IsEmpty)
        {
            return;
        }
        for (var r = 0; r < rows; r++)
        {
            for (var i = 0; i < inputs; i++)
            {
                double sum = 0;
                for (var u = 0; u < units; u++)
                {
                    sum += (double)kernel[i * units + u] * outputGradient[r * units + u];
                }
                inputGradient[r * inputs + i] = (float)sum;
            }
        }
    }
}
