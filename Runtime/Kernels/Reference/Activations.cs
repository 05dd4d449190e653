using System;
using Generated.Kernels.Validation;

namespace Generated.Kernels.Reference;

/// <summary>Scalar reference of <see cref="Kernels.Activations"/>, one element at a time in double.</summary>
internal static class Activations
{
    /// <summary>Applies <paramref name="kind"/> element-wise (Softmax over each group of <paramref name="channels"/>); <paramref name="alpha"/> is LeakyRelu's negative slope.</summary>
    public static void Forward(Activation kind, float alpha, int channels, ReadOnlySpan<float> input, Span<float> output)
    {
        Arguments.ActivationKind(kind, alpha, channels, input.Length);
        Arguments.Length(output.Length, input.Length, nameof(output), $"the input's length");
        if (kind == Activation.Softmax)
        {
            for (var start = 0; start < input.Length; start += channels)
            {
                var max = double.NegativeInfinity;
                for (var c = 0; c < channels; c++)
                {
                    max = Math.Max(max, input[start + c]);
                }
                var sum = 0.0;
                for (var c = 0; c < channels; c++)
                {
                    sum += Math.Exp(input[start + c] - max);
                }
                for (var c = 0; c < channels; c++)
                {
                    output[start + c] = (float)(Math.Exp(input[start + c] - max) / sum);
                }
            }
            return;
        }
        for (var i = 0; i < input.Length; i++)
        {
            double x = input[i];
            output[i] = (float)(kind switch
            {
                Activation.Linear => x,
                Activation.Relu => Math.Max(x, 0),
                Activation.LeakyRelu => x > 0 ? x : alpha * x,
                Activation.Sigmoid => 1 / (1 + Math.Exp(-x)),
                Activation.Tanh => Math.Tanh(x),
                Activation.Elu => x > 0 ? x : Math.Exp(x) - 1,
                Activation.Swish => x / (1 + Math.Exp(-x)),
                _ => Math.Max(x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x))), // Softplus, stable for large |x|
            });
        }
    }

    /// <summary>Overwrites <paramref name="inputGradient"/> with the gradient through the activation, from its <paramref name="output"/> (and <paramref name="input"/> for Swish).</summary>
    public static void Backward(Activation kind, float alpha, int channels, ReadOnlySpan<float> input, ReadOnlySpan<float> output,
        ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        Arguments.ActivationKind(kind, alpha, channels, output.Length);
        Arguments.ActivationBackward(kind, input.Length, output.Length, outputGradient.Length, inputGradient.Length);
        if (kind == Activation.Softmax)
        {
            for (var start = 0; start < output.Length; start += channels)
            {
                var dot = 0.0;
                for (var c = 0; c < channels; c++)
                {
                    dot += (double)outputGradient[start + c] * output[start + c];
                }
                for (var c = 0; c < channels; c++)
                {
                    inputGradient[start + c] = (float)(output[start + c] * (outputGradient[start + c] - dot));
                }
            }
            return;
        }
        for (var i = 0; i < output.Length; i++)
        {
            double y = output[i], g = outputGradient[i];
            inputGradient[i] = (float)(g * kind switch
            {
                Activation.Linear => 1,
                Activation.Relu => y > 0 ? 1 : 0,
                Activation.LeakyRelu => y > 0 ? 1 : alpha,
                Activation.Sigmoid => y * (1 - y),
                Activation.Tanh => 1 - y * y,
                Activation.Elu => y > 0 ? 1 : y + 1,
                Activation.Swish => SwishDerivative(input[i]),
                _ => 1 - Math.Exp(-y), // Softplus: sigmoid(x) = 1 - e^-softplus(x)
            });
        }
    }

    private static double SwishDerivative(double x)
    {
        var s = 1 / (1 + Math.Exp(-x));
        return s * (1 + x * (1 - s));
    }
}
