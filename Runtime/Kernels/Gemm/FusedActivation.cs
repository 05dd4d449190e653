using System;

namespace Generated.Kernels.Gemm;

/// <summary>
/// The activation a convolution or dense kernel applies in place to a chunk of its freshly written
/// output (after the bias), while that chunk is still in cache: Keras' activation functions from
/// <see cref="Activations"/>, LeakyRelu with Keras' <c>"leaky_relu"</c> slope.
/// </summary>
internal static class FusedActivation
{
    /// <summary>Applies <paramref name="kind"/> to every value; Softmax normalizes each group of <paramref name="channels"/>.</summary>
    public static void Apply(Activation kind, int channels, Span<float> values)
    {
        if (kind != Activation.Linear)
        {
            Activations.Forward(kind, Activations.LeakyReluAlpha, channels, values, values);
        }
    }
}
