using System;
using System.Numerics.Tensors;
using Generated.Kernels.Validation;

namespace Generated.Kernels;

/// <summary>Keras <c>Dropout</c> in training (inverted dropout): inference is the identity and calls nothing.</summary>
public static class Dropout
{
    /// <summary>Keeps each value with probability <c>1 - rate</c>, scaled by <c>1/(1 - rate)</c>; <paramref name="mask"/> records the factor applied (0 or <c>1/(1 - rate)</c>) for <see cref="Backward"/>.</summary>
    public static void Forward(float rate, ref SeededRandom random, ReadOnlySpan<float> input, Span<float> mask, Span<float> output)
    {
        Arguments.DropoutForward(rate, input.Length, mask.Length, output.Length);
        DropoutMask.Fill(rate, ref random, mask);
        TensorPrimitives.Multiply(input, mask, output);
    }

    /// <summary><c>inputGradient = mask * outputGradient</c> (overwritten; skipped when empty).</summary>
    public static void Backward(ReadOnlySpan<float> mask, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        Arguments.DropoutBackward(mask.Length, outputGradient.Length, inputGradient.Length);
        if (!inputGradient.IsEmpty)
        {
            TensorPrimitives.Multiply(mask, outputGradient, inputGradient);
        }
    }
}
