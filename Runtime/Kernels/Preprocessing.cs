using System;
using System.Numerics.Tensors;
using Generated.Kernels.Validation;

namespace Generated.Kernels;

/// <summary>Keras <c>Rescaling</c>: <c>x * scale + offset</c>, e.g. pixel values 0..255 to 0..1 inside the model.</summary>
public static class Rescaling
{
    /// <summary><c>output = input * scale + offset</c> (in place allowed).</summary>
    public static void Forward(float scale, float offset, ReadOnlySpan<float> input, Span<float> output)
    {
        Arguments.Length(output.Length, input.Length, nameof(output), $"the input's length");
        TensorPrimitives.Multiply(input, scale, output);
        if (offset != 0f)
        {
            TensorPrimitives.Add(output, offset, output);
        }
    }

    /// <summary><c>inputGradient = scale * outputGradient</c> (overwritten; skipped when empty).</summary>
    public static void Backward(float scale, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        Arguments.LengthOrEmpty(inputGradient.Length, outputGradient.Length, nameof(inputGradient), $"the output gradient's length");
        if (!inputGradient.IsEmpty)
        {
            TensorPrimitives.Multiply(outputGradient, scale, inputGradient);
        }
    }
}

/// <summary>
/// Keras <c>Normalization</c> over the last axis with fixed statistics: <c>(x - mean) / max(sqrt(variance), 1e-7)</c>
/// per channel (Keras 3's formula, <c>backend.epsilon()</c> = 1e-7), and <see cref="Adapt"/>, Keras' <c>adapt</c>.
/// </summary>
public static class Normalization
{
    /// <summary>Keras' <c>backend.epsilon()</c>, the smallest divisor.</summary>
    public const float Epsilon = 1e-7f;

    // The per-channel factors of one call, grown once per thread (never per step).
    [ThreadStatic]
    private static float[]? t_deviation;

    /// <summary><c>output = (input - mean) / max(sqrt(variance), 1e-7)</c> per channel, <paramref name="rows"/> rows of <paramref name="channels"/> (in place allowed).</summary>
    public static void Forward(int rows, int channels, ReadOnlySpan<float> input, ReadOnlySpan<float> mean, ReadOnlySpan<float> variance, Span<float> output)
    {
        Check(rows, channels, input.Length, output.Length, mean.Length, variance.Length);
        var deviation = Deviation(variance);
        for (var r = 0; r < rows; r++)
        {
            var target = output.Slice(r * channels, channels);
            TensorPrimitives.Subtract(input.Slice(r * channels, channels), mean, target);
            TensorPrimitives.Divide(target, deviation, target);
        }
    }

    /// <summary><c>inputGradient = outputGradient / max(sqrt(variance), 1e-7)</c> per channel (overwritten; skipped when empty). The statistics are constants, as in Keras.</summary>
    public static void Backward(int rows, int channels, ReadOnlySpan<float> variance, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        if (inputGradient.IsEmpty)
        {
            return;
        }
        Check(rows, channels, outputGradient.Length, inputGradient.Length, channels, variance.Length);
        var deviation = Deviation(variance);
        for (var r = 0; r < rows; r++)
        {
            TensorPrimitives.Divide(outputGradient.Slice(r * channels, channels), deviation, inputGradient.Slice(r * channels, channels));
        }
    }

    /// <summary>
    /// Keras' <c>adapt</c>: the mean and the (population) variance of every channel over all rows of
    /// <paramref name="data"/> (any number of samples times pixels, NHWC), in double, two passes.
    /// </summary>
    public static void Adapt(int channels, ReadOnlySpan<float> data, Span<float> mean, Span<float> variance)
    {
        Arguments.Positive(channels, nameof(channels));
        Arguments.PerChannel(mean.Length, channels, nameof(mean));
        Arguments.PerChannel(variance.Length, channels, nameof(variance));
        if (data.Length == 0 || data.Length % channels != 0)
        {
            throw new ArgumentException($"Normalization.Adapt needs whole rows of {channels} channels, got {data.Length} floats.", nameof(data));
        }
        var rows = data.Length / channels;
        var sums = new double[channels];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < channels; c++)
            {
                sums[c] += data[r * channels + c];
            }
        }
        for (var c = 0; c < channels; c++)
        {
            sums[c] /= rows;
        }
        var squares = new double[channels];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < channels; c++)
            {
                var d = data[r * channels + c] - sums[c];
                squares[c] += d * d;
            }
        }
        for (var c = 0; c < channels; c++)
        {
            mean[c] = (float)sums[c];
            variance[c] = (float)(squares[c] / rows);
        }
    }

    /// <summary><c>max(sqrt(variance), 1e-7)</c> per channel (Keras divides by it), in this thread's scratch.</summary>
    private static ReadOnlySpan<float> Deviation(ReadOnlySpan<float> variance)
    {
        var scratch = t_deviation is { } existing && existing.Length >= variance.Length ? existing : t_deviation = new float[variance.Length];
        var scale = scratch.AsSpan(0, variance.Length);
        TensorPrimitives.Max(variance, 0f, scale); // a negative variance (a corrupt file) reads as 0, not NaN
        TensorPrimitives.Sqrt(scale, scale);
        TensorPrimitives.Max(scale, Epsilon, scale);
        return scale;
    }

    private static void Check(int rows, int channels, int input, int output, int mean, int variance)
    {
        Arguments.NotNegative(rows, nameof(rows));
        Arguments.Positive(channels, nameof(channels));
        Arguments.Length(input, (long)rows * channels, nameof(input), $"rows * channels");
        Arguments.Length(output, (long)rows * channels, nameof(output), $"rows * channels");
        Arguments.PerChannel(mean, channels, nameof(mean));
        Arguments.PerChannel(variance, channels, nameof(variance));
    }
}
