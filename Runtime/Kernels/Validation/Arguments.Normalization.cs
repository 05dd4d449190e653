using System;

namespace Generated.Kernels.Validation;

/// <summary>Checks of the normalization kernels (BatchNormalization, LayerNormalization).</summary>
internal static partial class Arguments
{
    /// <summary>Throws unless <paramref name="epsilon"/> is a positive finite number.</summary>
    public static void Epsilon(float epsilon)
    {
        if (!(epsilon > 0f) || float.IsInfinity(epsilon))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon,
                $"epsilon must be positive and finite (Keras' default is 1e-3), got {epsilon}.");
        }
    }

    /// <summary>Checks rows/channels and the per-channel parameter spans of a normalization kernel.</summary>
    public static void Rows(int rows, int channels, int inputLength, string inputName)
    {
        Positive(rows, nameof(rows));
        Positive(channels, nameof(channels));
        Length(inputLength, (long)rows * channels, inputName, $"rows x channels = {rows} x {channels}");
    }

    /// <summary>Checks <c>BatchNormalization.ForwardInference</c>'s arguments.</summary>
    public static void BatchNormalizationInference(int rows, int channels, int input, int gamma, int beta, int movingMean, int movingVariance, float epsilon, int output)
    {
        Rows(rows, channels, input, nameof(input));
        Length(output, input, nameof(output), $"rows x channels");
        Length(gamma, channels, nameof(gamma), $"channels");
        Length(beta, channels, nameof(beta), $"channels");
        Length(movingMean, channels, nameof(movingMean), $"channels");
        Length(movingVariance, channels, nameof(movingVariance), $"channels");
        Epsilon(epsilon);
    }

    /// <summary>Checks <c>BatchNormalization.ForwardTraining</c>'s arguments.</summary>
    public static void BatchNormalizationTraining(int rows, int channels, int input, int gamma, int beta, int movingMean, int movingVariance,
        float momentum, float epsilon, int output, int savedMean, int savedInverseStd)
    {
        BatchNormalizationInference(rows, channels, input, gamma, beta, movingMean, movingVariance, epsilon, output);
        if (!(momentum >= 0f && momentum <= 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum,
                $"momentum is the weight of the old moving statistics and must lie in [0, 1] (Keras' default is 0.99), got {momentum}.");
        }
        Length(savedMean, channels, nameof(savedMean), $"channels");
        Length(savedInverseStd, channels, nameof(savedInverseStd), $"channels");
    }

    /// <summary>Checks <c>LayerNormalization.Forward</c>'s arguments (saved statistics per row, both empty at inference).</summary>
    public static void LayerNormalization(int rows, int channels, int input, int gamma, int beta, float epsilon, int output, int savedMean, int savedInverseStd)
    {
        Rows(rows, channels, input, nameof(input));
        Length(output, input, nameof(output), $"rows x channels");
        Length(gamma, channels, nameof(gamma), $"channels");
        Length(beta, channels, nameof(beta), $"channels");
        Epsilon(epsilon);
        LengthOrEmpty(savedMean, rows, nameof(savedMean), $"rows");
        Length(savedInverseStd, savedMean, nameof(savedInverseStd), $"savedMean's length");
    }

    /// <summary>Checks a normalization backward's arguments; <paramref name="statistics"/> is the length of the saved spans.</summary>
    public static void NormalizationBackward(int rows, int channels, int statistics, int input, int gamma, int savedMean, int savedInverseStd,
        int outputGradient, int inputGradient, int gammaGradient, int betaGradient)
    {
        Rows(rows, channels, input, nameof(input));
        Length(gamma, channels, nameof(gamma), $"channels");
        Length(savedMean, statistics, nameof(savedMean), $"the statistics saved by the forward pass");
        Length(savedInverseStd, statistics, nameof(savedInverseStd), $"the statistics saved by the forward pass");
        NormalizationGradients(channels, input, outputGradient, inputGradient, gammaGradient, betaGradient);
    }

    /// <summary>Checks <c>BatchNormalization.BackwardInference</c>'s arguments.</summary>
    public static void BatchNormalizationBackwardInference(int rows, int channels, int input, int gamma, int movingMean, int movingVariance, float epsilon,
        int outputGradient, int inputGradient, int gammaGradient, int betaGradient)
    {
        Rows(rows, channels, input, nameof(input));
        Length(gamma, channels, nameof(gamma), $"channels");
        Length(movingMean, channels, nameof(movingMean), $"channels");
        Length(movingVariance, channels, nameof(movingVariance), $"channels");
        Epsilon(epsilon);
        NormalizationGradients(channels, input, outputGradient, inputGradient, gammaGradient, betaGradient);
    }

    /// <summary>The gradient spans both backward passes take: as long as the input (input gradient empty: skipped) or the channels.</summary>
    private static void NormalizationGradients(int channels, int input, int outputGradient, int inputGradient, int gammaGradient, int betaGradient)
    {
        Length(outputGradient, input, nameof(outputGradient), $"rows x channels");
        LengthOrEmpty(inputGradient, input, nameof(inputGradient), $"rows x channels");
        Length(gammaGradient, channels, nameof(gammaGradient), $"channels");
        Length(betaGradient, channels, nameof(betaGradient), $"channels");
    }
}
