using System;

namespace Generated.Kernels.Reference;

/// <summary>Scalar reference of <see cref="Kernels.GroupNormalization"/>, in double, straight from the definition.</summary>
internal static class GroupNormalization
{
    /// <summary>Normalizes each group of each sample; saves mean and inverse std per sample and group when given room.</summary>
    public static void Forward(int batch, int pixels, int channels, int groups, ReadOnlySpan<float> input, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta,
        float epsilon, Span<float> output, Span<float> mean, Span<float> inverseStd)
    {
        var perGroup = channels / groups;
        for (var n = 0; n < batch; n++)
        {
            for (var g = 0; g < groups; g++)
            {
                double sum = 0, squares = 0;
                var count = pixels * perGroup;
                for (var p = 0; p < pixels; p++)
                {
                    for (var c = g * perGroup; c < (g + 1) * perGroup; c++)
                    {
                        sum += input[(n * pixels + p) * channels + c];
                    }
                }
                var mu = sum / count;
                for (var p = 0; p < pixels; p++)
                {
                    for (var c = g * perGroup; c < (g + 1) * perGroup; c++)
                    {
                        var d = input[(n * pixels + p) * channels + c] - mu;
                        squares += d * d;
                    }
                }
                var inverse = 1 / Math.Sqrt(squares / count + epsilon);
                if (!mean.IsEmpty)
                {
                    mean[n * groups + g] = (float)mu;
                    inverseStd[n * groups + g] = (float)inverse;
                }
                for (var p = 0; p < pixels; p++)
                {
                    for (var c = g * perGroup; c < (g + 1) * perGroup; c++)
                    {
                        var i = (n * pixels + p) * channels + c;
                        output[i] = (float)((input[i] - mu) * inverse * gamma[c] + beta[c]);
                    }
                }
            }
        }
    }

    /// <summary><c>dx = inv (g - mean(g) - x̂ mean(g x̂))</c> with <c>g = gamma dy</c> per group; gamma and beta gradients added.</summary>
    public static void Backward(int batch, int pixels, int channels, int groups, ReadOnlySpan<float> input, ReadOnlySpan<float> gamma,
        ReadOnlySpan<float> mean, ReadOnlySpan<float> inverseStd, ReadOnlySpan<float> outputGradient, Span<float> inputGradient,
        Span<float> gammaGradient, Span<float> betaGradient)
    {
        var perGroup = channels / groups;
        var count = pixels * perGroup;
        var dGamma = new double[channels];
        var dBeta = new double[channels];
        for (var n = 0; n < batch; n++)
        {
            for (var g = 0; g < groups; g++)
            {
                double mu = mean[n * groups + g], inverse = inverseStd[n * groups + g];
                double sumG = 0, sumGxHat = 0;
                for (var p = 0; p < pixels; p++)
                {
                    for (var c = g * perGroup; c < (g + 1) * perGroup; c++)
                    {
                        var i = (n * pixels + p) * channels + c;
                        var xHat = (input[i] - mu) * inverse;
                        double dy = outputGradient[i];
                        dGamma[c] += dy * xHat;
                        dBeta[c] += dy;
                        sumG += gamma[c] * dy;
                        sumGxHat += gamma[c] * dy * xHat;
                    }
                }
                for (var p = 0; p < pixels && !inputGradient.IsEmpty; p++)
                {
                    for (var c = g * perGroup; c < (g + 1) * perGroup; c++)
                    {
                        var i = (n * pixels + p) * channels + c;
                        var xHat = (input[i] - mu) * inverse;
                        inputGradient[i] = (float)(inverse * (gamma[c] * outputGradient[i] - sumG / count - xHat * sumGxHat / count));
                    }
                }
            }
        }
        for (var c = 0; c < channels; c++)
        {
            gammaGradient[c] += (float)dGamma[c];
            betaGradient[c] += (float)dBeta[c];
        }
    }
}
