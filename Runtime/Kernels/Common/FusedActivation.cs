using System;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

namespace Generated.Kernels;

/// <summary>
/// The activation a convolution or dense kernel applies in place to its freshly written output
/// (after the bias), while that output is still in cache. It has the semantics of
/// <c>Activations.Forward(kind, Activations.LeakyReluAlpha, channels, output, output)</c> and exists so
/// the GEMM-shaped kernels do not depend on the element-wise kernel family; it can delegate there.
/// </summary>
internal static class FusedActivation
{
    /// <summary>Keras' <c>"leaky_relu"</c> activation slope, the same as <c>Activations.LeakyReluAlpha</c>.</summary>
    public const float LeakyReluAlpha = 0.2f;

    /// <summary>Applies <paramref name="kind"/> to every value; Softmax normalizes each group of <paramref name="channels"/>.</summary>
    public static void Apply(Activation kind, int channels, Span<float> values)
    {
        switch (kind)
        {
            case Activation.Linear:
                return;
            case Activation.Relu:
                TensorPrimitives.Max(values, 0f, values);
                return;
            case Activation.LeakyRelu:
                LeakyRelu(values);
                return;
            case Activation.Sigmoid:
                TensorPrimitives.Sigmoid(values, values);
                return;
            case Activation.Tanh:
                TensorPrimitives.Tanh(values, values);
                return;
            case Activation.Softmax:
                Softmax(channels, values);
                return;
            case Activation.Elu:
                foreach (ref var x in values)
                {
                    x = x > 0f ? x : MathF.Exp(x) - 1f;
                }
                return;
            case Activation.Swish:
                foreach (ref var x in values)
                {
                    x /= 1f + MathF.Exp(-x);
                }
                return;
            case Activation.Softplus:
                foreach (ref var x in values)
                {
                    // log(1 + e^x) = max(x, 0) + log(1 + e^-|x|): no overflow for large x.
                    x = MathF.Max(x, 0f) + MathF.Log(1f + MathF.Exp(-MathF.Abs(x)));
                }
                return;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown activation; use one of the values of Generated.Activation.");
        }
    }

    private static void LeakyRelu(Span<float> values)
    {
        // For 0 < alpha < 1, leaky_relu(x) = max(x, alpha * x).
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var alpha = Vector256.Create(LeakyReluAlpha);
            for (; i <= values.Length - 8; i += 8)
            {
                var x = Vector256.Create<float>(values.Slice(i, 8));
                Vector256.Max(x, x * alpha).CopyTo(values.Slice(i, 8));
            }
        }
        for (; i < values.Length; i++)
        {
            values[i] = MathF.Max(values[i], values[i] * LeakyReluAlpha);
        }
    }

    private static void Softmax(int channels, Span<float> values)
    {
        if (channels <= 0 || values.Length % channels != 0)
        {
            throw new ArgumentException($"Softmax needs the values ({values.Length}) to be whole groups of {channels} channels.", nameof(channels));
        }
        for (var start = 0; start < values.Length; start += channels)
        {
            var group = values.Slice(start, channels);
            // Subtracting the maximum keeps exp from overflowing (TensorPrimitives.SoftMax does not).
            var max = TensorPrimitives.Max(group);
            TensorPrimitives.Subtract(group, max, group);
            TensorPrimitives.Exp(group, group);
            TensorPrimitives.Divide(group, TensorPrimitives.Sum(group), group);
        }
    }
}
