using System;
using System.Numerics.Tensors;
using Generated.Kernels.Validation;

namespace Generated.Kernels;

/// <summary>
/// Keras <c>SpatialDropout2D</c> in training: whole channels of a sample are dropped (Keras' noise shape
/// <c>(batch, 1, 1, channels)</c>) and the kept ones scaled by <c>1/(1 - rate)</c>; inference is the identity and calls nothing.
/// </summary>
public static class SpatialDropout2D
{
    /// <summary>
    /// Draws one factor per sample and channel into <paramref name="mask"/> (<c>batch * channels</c> values, 0 or
    /// <c>1/(1 - rate)</c>, samples in order, channels in order) and multiplies every pixel of <paramref name="input"/> by its channel's factor.
    /// </summary>
    public static void Forward(int batch, int pixels, int channels, float rate, ref SeededRandom random, ReadOnlySpan<float> input, Span<float> mask, Span<float> output)
    {
        Check(batch, pixels, channels, rate, input.Length, mask.Length, output.Length);
        DropoutMask.Fill(rate, ref random, mask);
        Apply(batch, pixels, channels, mask, input, output);
    }

    /// <summary><c>inputGradient = mask * outputGradient</c>, the mask broadcast over pixels (overwritten; skipped when empty).</summary>
    public static void Backward(int batch, int pixels, int channels, ReadOnlySpan<float> mask, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        if (inputGradient.IsEmpty)
        {
            return;
        }
        Check(batch, pixels, channels, 0f, outputGradient.Length, mask.Length, inputGradient.Length);
        Apply(batch, pixels, channels, mask, outputGradient, inputGradient);
    }

    private static void Apply(int batch, int pixels, int channels, ReadOnlySpan<float> mask, ReadOnlySpan<float> source, Span<float> target)
    {
        for (var n = 0; n < batch; n++)
        {
            var factors = mask.Slice(n * channels, channels);
            for (var p = 0; p < pixels; p++)
            {
                var offset = (n * pixels + p) * channels;
                TensorPrimitives.Multiply(source.Slice(offset, channels), factors, target.Slice(offset, channels));
            }
        }
    }

    private static void Check(int batch, int pixels, int channels, float rate, int input, int mask, int output)
    {
        Arguments.Rate(rate);
        Arguments.Positive(pixels, nameof(pixels));
        Arguments.Positive(channels, nameof(channels));
        Arguments.Samples(batch, (long)pixels * channels, input, output);
        Arguments.Length(mask, (long)batch * channels, nameof(mask), $"batch * channels");
    }
}
