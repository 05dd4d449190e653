using System;
using Generated.Kernels.Validation;

namespace Generated.Kernels.Reference;

/// <summary>Scalar reference of <see cref="Kernels.BatchNormalization"/>: statistics per channel over all rows (N*H*W), in double.</summary>
internal static class BatchNormalization
{
    /// <summary><c>y = gamma * (x - movingMean) / sqrt(movingVariance + epsilon) + beta</c> per channel.</summary>
    public static void ForwardInference(int rows, int channels, ReadOnlySpan<float> input, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta,
        ReadOnlySpan<float> movingMean, ReadOnlySpan<float> movingVariance, float epsilon, Span<float> output)
    {
        Arguments.BatchNormalizationInference(rows, channels, input.Length, gamma.Length, beta.Length, movingMean.Length, movingVariance.Length, epsilon, output.Length);
        for (var c = 0; c < channels; c++)
        {
            var inverseStd = 1.0 / Math.Sqrt((double)movingVariance[c] + epsilon);
            for (var r = 0; r < rows; r++)
            {
                var i = r * channels + c;
                output[i] = (float)(gamma[c] * (input[i] - (double)movingMean[c]) * inverseStd + beta[c]);
            }
        }
    }

    /// <summary><c>y = gamma * (activation(x) - movingMean) / sqrt(movingVariance + epsilon) + beta</c> per channel: the activation, then the other overload.</summary>
    public static void ForwardInference(int rows, int channels, Activation inputActivation, float alpha, ReadOnlySpan<float> input, ReadOnlySpan<float> gamma,
        ReadOnlySpan<float> beta, ReadOnlySpan<float> movingMean, ReadOnlySpan<float> movingVariance, float epsilon, Span<float> output)
    {
        Arguments.BatchNormalizationInference(rows, channels, input.Length, gamma.Length, beta.Length, movingMean.Length, movingVariance.Length, epsilon, output.Length);
        // Both steps read each value before writing it at the same index, so the output can hold the activated values.
        Activations.Forward(inputActivation, alpha, channels, input, output);
        ForwardInference(rows, channels, output, gamma, beta, movingMean, movingVariance, epsilon, output);
    }

    /// <summary>Normalizes with the batch mean and biased batch variance, saves them for <see cref="Backward"/> and updates the moving statistics as Keras does.</summary>
    public static void ForwardTraining(int rows, int channels, ReadOnlySpan<float> input, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta,
        Span<float> movingMean, Span<float> movingVariance, float momentum, float epsilon, Span<float> output,
        Span<float> savedMean, Span<float> savedInverseStd)
    {
        Arguments.BatchNormalizationTraining(rows, channels, input.Length, gamma.Length, beta.Length, movingMean.Length, movingVariance.Length,
            momentum, epsilon, output.Length, savedMean.Length, savedInverseStd.Length);
        for (var c = 0; c < channels; c++)
        {
            var sum = 0.0;
            for (var r = 0; r < rows; r++)
            {
                sum += input[r * channels + c];
            }
            var mean = sum / rows;
            var squares = 0.0;
            for (var r = 0; r < rows; r++)
            {
                var d = input[r * channels + c] - mean;
                squares += d * d;
            }
            var variance = squares / rows;
            var inverseStd = 1.0 / Math.Sqrt(variance + epsilon);
            for (var r = 0; r < rows; r++)
            {
                var i = r * channels + c;
                output[i] = (float)(gamma[c] * (input[i] - mean) * inverseStd + beta[c]);
            }
            savedMean[c] = (float)mean;
            savedInverseStd[c] = (float)inverseStd;
            movingMean[c] = (float)(movingMean[c] * (double)momentum + mean * (1.0 - momentum));
            movingVariance[c] = (float)(movingVariance[c] * (double)momentum + variance * (1.0 - momentum));
        }
    }

    /// <summary>Gradient of the training-mode forward: accumulates into <paramref name="gammaGradient"/>/<paramref name="betaGradient"/>, overwrites <paramref name="inputGradient"/> (skipped when empty).</summary>
    public static void Backward(int rows, int channels, ReadOnlySpan<float> input, ReadOnlySpan<float> gamma,
        ReadOnlySpan<float> savedMean, ReadOnlySpan<float> savedInverseStd, ReadOnlySpan<float> outputGradient,
        Span<float> inputGradient, Span<float> gammaGradient, Span<float> betaGradient)
    {
        Arguments.NormalizationBackward(rows, channels, channels, input.Length, gamma.Length, savedMean.Length, savedInverseStd.Length,
            outputGradient.Length, inputGradient.Length, gammaGradient.Length, betaGradient.Length);
        for (var c = 0; c < channels; c++)
        {
            double mean = savedMean[c], inverseStd = savedInverseStd[c];
            double sumGradient = 0, sumGradientTimesNormalized = 0;
            for (var r = 0; r < rows; r++)
            {
                var i = r * channels + c;
                sumGradient += outputGradient[i];
                sumGradientTimesNormalized += outputGradient[i] * (input[i] - mean) * inverseStd;
            }
            betaGradient[c] += (float)sumGradient;
            gammaGradient[c] += (float)sumGradientTimesNormalized;
            if (inputGradient.IsEmpty)
            {
                continue;
            }
            // dx = gamma * invStd / N * (N * dy - sum(dy) - xhat * sum(dy * xhat))
            var scale = gamma[c] * inverseStd / rows;
            for (var r = 0; r < rows; r++)
            {
                var i = r * channels + c;
                var normalized = (input[i] - mean) * inverseStd;
                inputGradient[i] = (float)(scale * (rows * (double)outputGradient[i] - sumGradient - normalized * sumGradientTimesNormalized));
            }
        }
    }

    /// <summary>Gradient of the inference-mode forward (moving statistics are constants): accumulates into <paramref name="gammaGradient"/>/<paramref name="betaGradient"/>, overwrites <paramref name="inputGradient"/> (skipped when empty).</summary>
    public static void BackwardInference(int rows, int channels, ReadOnlySpan<float> input, ReadOnlySpan<float> gamma,
        ReadOnlySpan<float> movingMean, ReadOnlySpan<float> movingVariance, float epsilon, ReadOnlySpan<float> outputGradient,
        Span<float> inputGradient, Span<float> gammaGradient, Span<float> betaGradient)
    {
        Arguments.BatchNormalizationBackwardInference(rows, channels, input.Length, gamma.Length, movingMean.Length, movingVariance.Length, epsilon,
            outputGradient.Length, inputGradient.Length, gammaGradient.Length, betaGradient.Length);
        for (var c = 0; c < channels; c++)
        {
            var inverseStd = 1.0 / Math.Sqrt((double)movingVariance[c] + epsilon);
            double sumGradient = 0, sumGradientTimesNormalized = 0;
            for (var r = 0; r < rows; r++)
            {
                var i = r * channels + c;
                sumGradient += outputGradient[i];
                sumGradientTimesNormalized += outputGradient[i] * (input[i] - (double)movingMean[c]) * inverseStd;
                if (!inputGradient.IsEmpty)
                {
                    inputGradient[i] = (float)(outputGradient[i] * gamma[c] * inverseStd);
                }
            }
            betaGradient[c] += (float)sumGradient;
            gammaGradient[c] += (float)sumGradientTimesNormalized;
        }
    }
}

/// <summary>Scalar reference of <see cref="Kernels.LayerNormalization"/>: statistics per row over its channels, in double.</summary>
internal static class LayerNormalization
{
    /// <summary><c>y = gamma * (x - mean) / sqrt(variance + epsilon) + beta</c> with each row's mean and biased variance; saves them when the saved spans are not empty.</summary>
    public static void Forward(int rows, int channels, ReadOnlySpan<float> input, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta,
        float epsilon, Span<float> output, Span<float> savedMean, Span<float> savedInverseStd)
    {
        Arguments.LayerNormalization(rows, channels, input.Length, gamma.Length, beta.Length, epsilon, output.Length, savedMean.Length, savedInverseStd.Length);
        for (var r = 0; r < rows; r++)
        {
            var row = input.Slice(r * channels, channels);
            var sum = 0.0;
            foreach (var x in row)
            {
                sum += x;
            }
            var mean = sum / channels;
            var squares = 0.0;
            foreach (var x in row)
            {
                squares += (x - mean) * (x - mean);
            }
            var inverseStd = 1.0 / Math.Sqrt(squares / channels + epsilon);
            for (var c = 0; c < channels; c++)
            {
                output[r * channels + c] = (float)(gamma[c] * (row[c] - mean) * inverseStd + beta[c]);
            }
            if (!savedMean.IsEmpty)
            {
                savedMean[r] = (float)mean;
                savedInverseStd[r] = (float)inverseStd;
            }
        }
    }

    /// <summary>Gradient of <see cref="Forward"/>: accumulates into <paramref name="gammaGradient"/>/<paramref name="betaGradient"/>, overwrites <paramref name="inputGradient"/> (skipped when empty).</summary>
    public static void Backward(int rows, int channels, ReadOnlySpan<float> input, ReadOnlySpan<float> gamma,
        ReadOnlySpan<float> savedMean, ReadOnlySpan<float> savedInverseStd, ReadOnlySpan<float> outputGradient,
        Span<float> inputGradient, Span<float> gammaGradient, Span<float> betaGradient)
    {
        Arguments.NormalizationBackward(rows, channels, rows, input.Length, gamma.Length, savedMean.Length, savedInverseStd.Length,
            outputGradient.Length, inputGradient.Length, gammaGradient.Length, betaGradient.Length);
        for (var r = 0; r < rows; r++)
        {
            double mean = savedMean[r], inverseStd = savedInverseStd[r];
            double sumScaled = 0, sumScaledTimesNormalized = 0;
            for (var c = 0; c < channels; c++)
            {
                var i = r * channels + c;
                var normalized = (input[i] - mean) * inverseStd;
                gammaGradient[c] += (float)(outputGradient[i] * normalized);
                betaGradient[c] += outputGradient[i];
                var scaled = (double)outputGradient[i] * gamma[c];
                sumScaled += scaled;
                sumScaledTimesNormalized += scaled * normalized;
            }
            if (inputGradient.IsEmpty)
            {
                continue;
            }
            // dx = invStd * (g - mean(g) - xhat * mean(g * xhat)) with g = dy * gamma
            for (var c = 0; c < channels; c++)
            {
                var i = r * channels + c;
                var normalized = (input[i] - mean) * inverseStd;
                inputGradient[i] = (float)(inverseStd * ((double)outputGradient[i] * gamma[c] - sumScaled / channels - normalized * sumScaledTimesNormalized / channels));
            }
        }
    }
}
