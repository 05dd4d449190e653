using System;
using Generated.Kernels.Validation;

namespace Generated.Kernels.Reference;

/// <summary>Scalar reference of <see cref="Kernels.Dropout"/> (inverted dropout, as Keras).</summary>
internal static class Dropout
{
    /// <summary>Keeps each value with probability <c>1 - rate</c>, scaled by <c>1/(1 - rate)</c>; the mask records the factor applied (0 or <c>1/(1 - rate)</c>).</summary>
    public static void Forward(float rate, ref SeededRandom random, ReadOnlySpan<float> input, Span<float> mask, Span<float> output)
    {
        Arguments.DropoutForward(rate, input.Length, mask.Length, output.Length);
        var kept = 1f / (1f - rate);
        for (var i = 0; i < input.Length; i++)
        {
            mask[i] = random.NextSingle() >= rate ? kept : 0f;
            output[i] = input[i] * mask[i];
        }
    }

    /// <summary><c>inputGradient = mask * outputGradient</c> (overwritten).</summary>
    public static void Backward(ReadOnlySpan<float> mask, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        Arguments.DropoutBackward(mask.Length, outputGradient.Length, inputGradient.Length);
        if (inputGradient.IsEmpty)
        {
            return;
        }
        for (var i = 0; i < mask.Length; i++)
        {
            inputGradient[i] = mask[i] * outputGradient[i];
        }
    }
}
