using System;
using System.Numerics.Tensors;

namespace Generated.Kernels;

// Normalization over NHWC viewed as rows (N*H*W for batch normalization, each row for layer
// normalization) of `channels` contiguous floats: every row operation is one vectorized
// TensorPrimitives call over the channels.

/// <summary>Keras <c>BatchNormalization</c> over the last axis: statistics per channel over all rows (N*H*W).</summary>
public static class BatchNormalization
{
    // Channel sums are accumulated in float over blocks of rows, then folded into double, so that
    // a large batch does not lose the precision of a long float sum.
    private const int FoldRows = 64;

    [ThreadStatic]
    private static float[]? s_floats;

    [ThreadStatic]
    private static double[]? s_doubles;

    /// <summary><c>y = gamma * (x - movingMean) / sqrt(movingVariance + epsilon) + beta</c> per channel.</summary>
    public static void ForwardInference(int rows, int channels, ReadOnlySpan<float> input, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta,
        ReadOnlySpan<float> movingMean, ReadOnlySpan<float> movingVariance, float epsilon, Span<float> output)
    {
        NormalizationArguments.Inference(rows, channels, input.Length, gamma.Length, beta.Length, movingMean.Length, movingVariance.Length, epsilon, output.Length);
        var scratch = Floats(2 * channels);
        Span<float> scale = scratch[..channels], shift = scratch[channels..];
        for (var c = 0; c < channels; c++)
        {
            scale[c] = (float)(gamma[c] / Math.Sqrt((double)movingVariance[c] + epsilon));
            shift[c] = beta[c] - movingMean[c] * scale[c];
        }
        ScaleShift(rows, channels, input, scale, shift, output);
    }

    /// <summary>Normalizes with the batch mean and biased batch variance, saves them for <see cref="Backward"/> and updates <c>moving = moving * momentum + batch * (1 - momentum)</c> (Keras).</summary>
    public static void ForwardTraining(int rows, int channels, ReadOnlySpan<float> input, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta,
        Span<float> movingMean, Span<float> movingVariance, float momentum, float epsilon, Span<float> output,
        Span<float> savedMean, Span<float> savedInverseStd)
    {
        NormalizationArguments.Training(rows, channels, input.Length, gamma.Length, beta.Length, movingMean.Length, movingVariance.Length,
            momentum, epsilon, output.Length, savedMean.Length, savedInverseStd.Length);
        var floats = Floats(3 * channels);
        Span<float> block = floats[..channels], centred = floats.Slice(channels, channels), shift = floats[(2 * channels)..];
        var sums = Doubles(channels);

        ChannelSums(rows, channels, input, default, block, centred, sums);
        for (var c = 0; c < channels; c++)
        {
            savedMean[c] = (float)(sums[c] / rows);
        }
        ChannelSums(rows, channels, input, savedMean, block, centred, sums); // sums of squared deviations
        for (var c = 0; c < channels; c++)
        {
            var variance = sums[c] / rows;
            var inverseStd = 1.0 / Math.Sqrt(variance + epsilon);
            savedInverseStd[c] = (float)inverseStd;
            block[c] = (float)(gamma[c] * inverseStd);
            shift[c] = (float)(beta[c] - savedMean[c] * (gamma[c] * inverseStd));
            movingMean[c] = (float)(movingMean[c] * (double)momentum + savedMean[c] * (1.0 - momentum));
            movingVariance[c] = (float)(movingVariance[c] * (double)momentum + variance * (1.0 - momentum));
        }
        ScaleShift(rows, channels, input, block, shift, output);
    }

    /// <summary>Gradient of the training-mode forward: accumulates into <paramref name="gammaGradient"/>/<paramref name="betaGradient"/>, overwrites <paramref name="inputGradient"/> (skipped when empty).</summary>
    public static void Backward(int rows, int channels, ReadOnlySpan<float> input, ReadOnlySpan<float> gamma,
        ReadOnlySpan<float> savedMean, ReadOnlySpan<float> savedInverseStd, ReadOnlySpan<float> outputGradient,
        Span<float> inputGradient, Span<float> gammaGradient, Span<float> betaGradient)
    {
        NormalizationArguments.Backward(rows, channels, channels, input.Length, gamma.Length, savedMean.Length, savedInverseStd.Length,
            outputGradient.Length, inputGradient.Length, gammaGradient.Length, betaGradient.Length);
        var floats = Floats(4 * channels);
        Span<float> sumBlock = floats[..channels], dotBlock = floats.Slice(channels, channels);
        Span<float> centred = floats.Slice(2 * channels, channels), scratch = floats[(3 * channels)..];
        var totals = Doubles(2 * channels);
        Span<double> sumGradient = totals[..channels], sumGradientTimesCentred = totals[channels..];
        sumGradient.Clear();
        sumGradientTimesCentred.Clear();
        sumBlock.Clear();
        dotBlock.Clear();
        for (var r = 0; r < rows; r++)
        {
            var gradient = outputGradient.Slice(r * channels, channels);
            TensorPrimitives.Add(sumBlock, gradient, sumBlock);
            TensorPrimitives.Subtract(input.Slice(r * channels, channels), savedMean, centred);
            TensorPrimitives.MultiplyAdd(gradient, centred, dotBlock, dotBlock);
            if ((r + 1) % FoldRows == 0 || r == rows - 1)
            {
                Fold(sumBlock, sumGradient);
                Fold(dotBlock, sumGradientTimesCentred);
            }
        }
        for (var c = 0; c < channels; c++)
        {
            betaGradient[c] += (float)sumGradient[c];
            gammaGradient[c] += (float)(sumGradientTimesCentred[c] * savedInverseStd[c]);
        }
        if (inputGradient.IsEmpty)
        {
            return;
        }
        // dx = gamma*invStd/N * (N*dy - sum(dy) - xhat*sum(dy*xhat)) = k*dy + a*x + b per channel.
        Span<float> k = sumBlock, a = dotBlock, b = centred;
        for (var c = 0; c < channels; c++)
        {
            double inverseStd = savedInverseStd[c], scale = gamma[c] * inverseStd / rows;
            var slope = -scale * sumGradientTimesCentred[c] * inverseStd * inverseStd;
            k[c] = (float)(gamma[c] * inverseStd);
            a[c] = (float)slope;
            b[c] = (float)(-scale * sumGradient[c] - slope * savedMean[c]);
        }
        for (var r = 0; r < rows; r++)
        {
            var destination = inputGradient.Slice(r * channels, channels);
            TensorPrimitives.MultiplyAdd(input.Slice(r * channels, channels), a, b, scratch);
            TensorPrimitives.MultiplyAdd(outputGradient.Slice(r * channels, channels), k, scratch, destination);
        }
    }

    /// <summary>Per channel, the sum over rows of <c>x</c> (when <paramref name="mean"/> is empty) or of <c>(x - mean)^2</c>.</summary>
    private static void ChannelSums(int rows, int channels, ReadOnlySpan<float> input, ReadOnlySpan<float> mean,
        Span<float> block, Span<float> centred, Span<double> sums)
    {
        sums.Clear();
        block.Clear();
        for (var r = 0; r < rows; r++)
        {
            var row = input.Slice(r * channels, channels);
            if (mean.IsEmpty)
            {
                TensorPrimitives.Add(block, row, block);
            }
            else
            {
                TensorPrimitives.Subtract(row, mean, centred);
                TensorPrimitives.MultiplyAdd(centred, centred, block, block);
            }
            if ((r + 1) % FoldRows == 0 || r == rows - 1)
            {
                Fold(block, sums);
            }
        }
    }

    private static void Fold(Span<float> block, Span<double> total)
    {
        for (var c = 0; c < block.Length; c++)
        {
            total[c] += block[c];
        }
        block.Clear();
    }

    private static void ScaleShift(int rows, int channels, ReadOnlySpan<float> input, ReadOnlySpan<float> scale, ReadOnlySpan<float> shift, Span<float> output)
    {
        for (var r = 0; r < rows; r++)
        {
            TensorPrimitives.MultiplyAdd(input.Slice(r * channels, channels), scale, shift, output.Slice(r * channels, channels));
        }
    }

    private static Span<float> Floats(int length)
    {
        if (s_floats is null || s_floats.Length < length)
        {
            s_floats = new float[length];
        }
        return s_floats.AsSpan(0, length);
    }

    private static Span<double> Doubles(int length)
    {
        if (s_doubles is null || s_doubles.Length < length)
        {
            s_doubles = new double[length];
        }
        return s_doubles.AsSpan(0, length);
    }
}

/// <summary>Keras <c>LayerNormalization</c> over the last axis: statistics per row over its channels.</summary>
public static class LayerNormalization
{
    [ThreadStatic]
    private static float[]? s_floats;

    /// <summary><c>y = gamma * (x - mean) / sqrt(variance + epsilon) + beta</c> with each row's mean and biased variance; saves them when the saved spans (length rows) are not empty.</summary>
    public static void Forward(int rows, int channels, ReadOnlySpan<float> input, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta,
        float epsilon, Span<float> output, Span<float> savedMean, Span<float> savedInverseStd)
    {
        NormalizationArguments.Layer(rows, channels, input.Length, gamma.Length, beta.Length, epsilon, output.Length, savedMean.Length, savedInverseStd.Length);
        var centred = Floats(channels);
        for (var r = 0; r < rows; r++)
        {
            var row = input.Slice(r * channels, channels);
            var mean = TensorPrimitives.Sum(row) / channels;
            TensorPrimitives.Subtract(row, mean, centred);
            var inverseStd = (float)(1.0 / Math.Sqrt((double)TensorPrimitives.SumOfSquares(centred) / channels + epsilon));
            TensorPrimitives.Multiply(centred, inverseStd, centred);
            TensorPrimitives.MultiplyAdd(centred, gamma, beta, output.Slice(r * channels, channels));
            if (!savedMean.IsEmpty)
            {
                savedMean[r] = mean;
                savedInverseStd[r] = inverseStd;
            }
        }
    }

    /// <summary>Gradient of <see cref="Forward"/>: accumulates into <paramref name="gammaGradient"/>/<paramref name="betaGradient"/>, overwrites <paramref name="inputGradient"/> (skipped when empty).</summary>
    public static void Backward(int rows, int channels, ReadOnlySpan<float> input, ReadOnlySpan<float> gamma,
        ReadOnlySpan<float> savedMean, ReadOnlySpan<float> savedInverseStd, ReadOnlySpan<float> outputGradient,
        Span<float> inputGradient, Span<float> gammaGradient, Span<float> betaGradient)
    {
        NormalizationArguments.Backward(rows, channels, rows, input.Length, gamma.Length, savedMean.Length, savedInverseStd.Length,
            outputGradient.Length, inputGradient.Length, gammaGradient.Length, betaGradient.Length);
        var scratch = Floats(2 * channels);
        Span<float> normalized = scratch[..channels], scaled = scratch[channels..];
        for (var r = 0; r < rows; r++)
        {
            var gradient = outputGradient.Slice(r * channels, channels);
            var inverseStd = savedInverseStd[r];
            TensorPrimitives.Subtract(input.Slice(r * channels, channels), savedMean[r], normalized);
            TensorPrimitives.Multiply(normalized, inverseStd, normalized);
            TensorPrimitives.MultiplyAdd(gradient, normalized, gammaGradient, gammaGradient);
            TensorPrimitives.Add(betaGradient, gradient, betaGradient);
            if (inputGradient.IsEmpty)
            {
                continue;
            }
            // dx = invStd * (s - mean(s) - xhat * mean(s * xhat)) with s = dy * gamma
            TensorPrimitives.Multiply(gradient, gamma, scaled);
            var meanScaled = TensorPrimitives.Sum(scaled) / channels;
            var meanScaledTimesNormalized = TensorPrimitives.Dot(scaled, normalized) / channels;
            var destination = inputGradient.Slice(r * channels, channels);
            TensorPrimitives.Multiply(normalized, -meanScaledTimesNormalized, destination);
            TensorPrimitives.Add(destination, scaled, destination);
            TensorPrimitives.Subtract(destination, meanScaled, destination);
            TensorPrimitives.Multiply(destination, inverseStd, destination);
        }
    }

    private static Span<float> Floats(int length)
    {
        if (s_floats is null || s_floats.Length < length)
        {
            s_floats = new float[length];
        }
        return s_floats.AsSpan(0, length);
    }
}
