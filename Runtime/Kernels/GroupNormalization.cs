using System;
using System.Numerics.Tensors;
using Generated.Kernels.Validation;

namespace Generated.Kernels;

/// <summary>
/// Keras 3 <c>GroupNormalization</c> on NHWC: each sample's channels form <c>groups</c> runs of
/// <c>channels / groups</c> consecutive channels; each group is normalized over its pixels and channels,
/// <c>(x - mean) / sqrt(variance + epsilon)</c>, then scaled and shifted by <c>gamma</c> and <c>beta</c> per channel.
/// Training and inference compute the same (no moving statistics).
/// </summary>
public static class GroupNormalization
{
    // Per-channel rows of one sample (sums, coefficients), grown once per thread.
    [ThreadStatic]
    private static float[]? t_rows;

    /// <summary>
    /// Normalizes <paramref name="batch"/> samples of <paramref name="pixels"/> x <paramref name="channels"/>;
    /// <paramref name="mean"/> and <paramref name="inverseStd"/> receive <c>batch * groups</c> statistics for
    /// <see cref="Backward"/>, or are empty when not needed (inference). In place allowed.
    /// </summary>
    public static void Forward(int batch, int pixels, int channels, int groups, ReadOnlySpan<float> input, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta,
        float epsilon, Span<float> output, Span<float> mean, Span<float> inverseStd)
    {
        Check(batch, pixels, channels, groups, input.Length, output.Length, gamma.Length, beta.Length);
        Arguments.LengthOrEmpty(mean.Length, (long)batch * groups, nameof(mean), $"batch * groups");
        Arguments.LengthOrEmpty(inverseStd.Length, (long)batch * groups, nameof(inverseStd), $"batch * groups");
        var rows = Rows(4 * channels); // the fourth row is ChannelSums' scratch
        Span<float> sums = rows.AsSpan(0, channels), scale = rows.AsSpan(channels, channels), shift = rows.AsSpan(2 * channels, channels);
        var perGroup = channels / groups;
        double count = (double)pixels * perGroup;
        for (var n = 0; n < batch; n++)
        {
            var sample = input.Slice(n * pixels * channels, pixels * channels);
            // Two passes, both along whole pixel rows: the group means, then the squared deviations from them.
            ChannelSums(sample, pixels, channels, default, sums);
            for (var g = 0; g < groups; g++)
            {
                shift.Slice(g * perGroup, perGroup).Fill((float)(Sum(sums.Slice(g * perGroup, perGroup)) / count));
            }
            ChannelSums(sample, pixels, channels, shift, sums);
            for (var g = 0; g < groups; g++)
            {
                var groupMean = shift[g * perGroup];
                var inverse = (float)(1 / Math.Sqrt(Sum(sums.Slice(g * perGroup, perGroup)) / count + epsilon));
                if (!mean.IsEmpty)
                {
                    mean[n * groups + g] = groupMean;
                    inverseStd[n * groups + g] = inverse;
                }
                for (var c = g * perGroup; c < (g + 1) * perGroup; c++)
                {
                    scale[c] = inverse * gamma[c];
                    shift[c] = beta[c] - groupMean * scale[c];
                }
            }
            var target = output.Slice(n * pixels * channels, pixels * channels);
            for (var p = 0; p < pixels; p++)
            {
                TensorPrimitives.MultiplyAdd(sample.Slice(p * channels, channels), scale, shift, target.Slice(p * channels, channels));
            }
        }
    }

    /// <summary>
    /// Overwrites <paramref name="inputGradient"/> (skipped when empty) and adds to <paramref name="gammaGradient"/> and
    /// <paramref name="betaGradient"/>, from the statistics <see cref="Forward"/> saved.
    /// </summary>
    public static void Backward(int batch, int pixels, int channels, int groups, ReadOnlySpan<float> input, ReadOnlySpan<float> gamma,
        ReadOnlySpan<float> mean, ReadOnlySpan<float> inverseStd, ReadOnlySpan<float> outputGradient, Span<float> inputGradient,
        Span<float> gammaGradient, Span<float> betaGradient)
    {
        Check(batch, pixels, channels, groups, input.Length, outputGradient.Length, gamma.Length, gammaGradient.Length);
        Arguments.PerChannel(betaGradient.Length, channels, nameof(betaGradient));
        Arguments.Length(mean.Length, (long)batch * groups, nameof(mean), $"batch * groups");
        Arguments.Length(inverseStd.Length, (long)batch * groups, nameof(inverseStd), $"batch * groups");
        Arguments.LengthOrEmpty(inputGradient.Length, input.Length, nameof(inputGradient), $"the input's length");
        var rows = Rows(5 * channels);
        Span<float> dySum = rows.AsSpan(0, channels), dyxSum = rows.AsSpan(channels, channels);
        Span<float> a = rows.AsSpan(2 * channels, channels), b = rows.AsSpan(3 * channels, channels), k = rows.AsSpan(4 * channels, channels);
        var perGroup = channels / groups;
        double count = (double)pixels * perGroup;
        for (var n = 0; n < batch; n++)
        {
            var x = input.Slice(n * pixels * channels, pixels * channels);
            var dy = outputGradient.Slice(n * pixels * channels, pixels * channels);
            dySum.Clear();
            dyxSum.Clear();
            for (var p = 0; p < pixels; p++)
            {
                var dyRow = dy.Slice(p * channels, channels);
                TensorPrimitives.Add(dySum, dyRow, dySum);
                TensorPrimitives.MultiplyAdd(dyRow, x.Slice(p * channels, channels), dyxSum, dyxSum);
            }
            for (var g = 0; g < groups; g++)
            {
                double mu = mean[n * groups + g], inverse = inverseStd[n * groups + g];
                double sumG = 0, sumGxHat = 0;
                for (var c = g * perGroup; c < (g + 1) * perGroup; c++)
                {
                    var xHatSum = inverse * (dyxSum[c] - mu * dySum[c]); // sum over pixels of dy * x̂
                    gammaGradient[c] += (float)xHatSum;
                    betaGradient[c] += dySum[c];
                    sumG += gamma[c] * (double)dySum[c];
                    sumGxHat += gamma[c] * xHatSum;
                }
                // dx = inverse * (gamma dy - sumG/M - x̂ sumGx̂/M) = a dy + b x + k per channel.
                double meanG = sumG / count, meanGxHat = sumGxHat / count;
                for (var c = g * perGroup; c < (g + 1) * perGroup; c++)
                {
                    a[c] = (float)(inverse * gamma[c]);
                    b[c] = (float)(-inverse * inverse * meanGxHat);
                    k[c] = (float)(inverse * (mu * inverse * meanGxHat - meanG));
                }
            }
            if (inputGradient.IsEmpty)
            {
                continue;
            }
            var dx = inputGradient.Slice(n * pixels * channels, pixels * channels);
            for (var p = 0; p < pixels; p++)
            {
                var target = dx.Slice(p * channels, channels);
                TensorPrimitives.MultiplyAdd(x.Slice(p * channels, channels), b, k, target);
                TensorPrimitives.MultiplyAdd(dy.Slice(p * channels, channels), a, target, target);
            }
        }
    }

    /// <summary>Per channel, the sum over pixels of <c>x</c> (no <paramref name="center"/>) or of <c>(x - center)²</c>.</summary>
    private static void ChannelSums(ReadOnlySpan<float> sample, int pixels, int channels, ReadOnlySpan<float> center, Span<float> sums)
    {
        sums.Clear();
        var rows = Rows(4 * channels);
        var deviation = rows.AsSpan(3 * channels, channels);
        for (var p = 0; p < pixels; p++)
        {
            var row = sample.Slice(p * channels, channels);
            if (center.IsEmpty)
            {
                TensorPrimitives.Add(sums, row, sums);
            }
            else
            {
                TensorPrimitives.Subtract(row, center, deviation);
                TensorPrimitives.MultiplyAdd(deviation, deviation, sums, sums);
            }
        }
    }

    private static double Sum(ReadOnlySpan<float> values)
    {
        double sum = 0;
        foreach (var value in values)
        {
            sum += value;
        }
        return sum;
    }

    private static float[] Rows(int length) =>
        t_rows is { } rows && rows.Length >= length ? rows : t_rows = new float[Math.Max(length, 5 * 64)];

    private static void Check(int batch, int pixels, int channels, int groups, int input, int output, int gamma, int beta)
    {
        Arguments.Positive(pixels, nameof(pixels));
        Arguments.Groups(groups, channels);
        Arguments.Samples(batch, (long)pixels * channels, input, output);
        Arguments.PerChannel(gamma, channels, nameof(gamma));
        Arguments.PerChannel(beta, channels, nameof(beta));
    }
}
