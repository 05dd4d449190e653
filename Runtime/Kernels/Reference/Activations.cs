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
                Activation.Relu6 => Math.Min(Math.Max(x, 0), 6),
                Activation.Gelu => x * Phi(x),
                Activation.Selu => x > 0 ? SeluScale * x : SeluScale * SeluAlpha * (Math.Exp(x) - 1),
                Activation.HardSwish => x * Math.Min(Math.Max(x + 3, 0), 6) / 6,
                _ => Math.Max(x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x))), // Softplus, stable for large |x|
            });
        }
    }

    /// <summary>Overwrites <paramref name="inputGradient"/> with the gradient through the activation, from its <paramref name="output"/> (and <paramref name="input"/> for Swish, Gelu and HardSwish).</summary>
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
                Activation.Relu6 => y > 0 && y < 6 ? 1 : 0,
                Activation.Gelu => Phi(input[i]) + input[i] * Math.Exp(-0.5 * input[i] * input[i]) / Math.Sqrt(2 * Math.PI),
                Activation.Selu => y > 0 ? SeluScale : y + SeluScale * SeluAlpha,
                Activation.HardSwish => input[i] < -3 ? 0 : input[i] > 3 ? 1 : (2.0 * input[i] + 3) / 6,
                _ => 1 - Math.Exp(-y), // Softplus: sigmoid(x) = 1 - e^-softplus(x)
            });
        }
    }

    /// <summary>SELU's constants in double (Keras').</summary>
    private const double SeluAlpha = 1.6732632423543772848170429916717, SeluScale = 1.0507009873554804934193349852946;

    /// <summary>The standard normal distribution function <c>(1 + erf(x / √2)) / 2</c>.</summary>
    public static double Phi(double x) => 0.5 * (1 + Erf(x / Math.Sqrt(2)));

    /// <summary>
    /// erf in double (.NET has none): the Maclaurin series below |z| = 2 (terms at most about 2.4, so under 1e-15
    /// lost), the continued fraction of erfc above (Lentz-free backward evaluation, 80 terms), both to about 1e-15.
    /// </summary>
    public static double Erf(double z)
    {
        var a = Math.Abs(z);
        double result;
        if (a < 2)
        {
            double sum = 0, term = a;
            for (var n = 0; n < 60; n++)
            {
                sum += term / (2 * n + 1);
                term *= -a * a / (n + 1);
            }
            result = 2 / Math.Sqrt(Math.PI) * sum;
        }
        else
        {
            // erfc(a) = e^(-a²)/√π · 1/(a + (1/2)/(a + 1/(a + (3/2)/(a + 2/(a + ...)))))
            var fraction = a;
            for (var k = 80; k >= 1; k--)
            {
                fraction = a + k / 2.0 / fraction;
            }
            result = 1 - Math.Exp(-a * a) / Math.Sqrt(Math.PI) / fraction;
        }
        return z < 0 ? -result : result;
    }

    private static double SwishDerivative(double x)
    {
        var s = 1 / (1 + Math.Exp(-x));
        return s * (1 + x * (1 - s));
    }
}
