using System;

namespace Generated.Kernels.Validation;

/// <summary>Argument checks shared by the normalization kernels and their reference twins.</summary>
internal static class NormalizationArguments
{
    /// <summary>Checks <c>BatchNormalization.ForwardInference</c>'s arguments.</summary>
    public static void Inference(int rows, int channels, int input, int gamma, int beta, int movingMean, int movingVariance, float epsilon, int output)
    {
        LayerArguments.Rows(rows, channels, input, nameof(input));
        LayerArguments.Length(output, input, nameof(output), $"rows x channels");
        LayerArguments.Length(gamma, channels, nameof(gamma), $"channels");
        LayerArguments.Length(beta, channels, nameof(beta), $"channels");
        LayerArguments.Length(movingMean, channels, nameof(movingMean), $"channels");
        LayerArguments.Length(movingVariance, channels, nameof(movingVariance), $"channels");
        LayerArguments.Epsilon(epsilon);
    }

    /// <summary>Checks <c>BatchNormalization.ForwardTraining</c>'s arguments.</summary>
    public static void Training(int rows, int channels, int input, int gamma, int beta, int movingMean, int movingVariance,
        float momentum, float epsilon, int output, int savedMean, int savedInverseStd)
    {
        Inference(rows, channels, input, gamma, beta, movingMean, movingVariance, epsilon, output);
        if (!(momentum >= 0f && momentum <= 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum,
                $"momentum is the weight of the old moving statistics and must lie in [0, 1] (Keras' default is 0.99), got {momentum}.");
        }
        LayerArguments.Length(savedMean, channels, nameof(savedMean), $"channels");
        LayerArguments.Length(savedInverseStd, channels, nameof(savedInverseStd), $"channels");
    }

    /// <summary>Checks <c>LayerNormalization.Forward</c>'s arguments (saved statistics per row, both empty at inference).</summary>
    public static void Layer(int rows, int channels, int input, int gamma, int beta, float epsilon, int output, int savedMean, int savedInverseStd)
    {
        LayerArguments.Rows(rows, channels, input, nameof(input));
        LayerArguments.Length(output, input, nameof(output), $"rows x channels");
        LayerArguments.Length(gamma, channels, nameof(gamma), $"channels");
        LayerArguments.Length(beta, channels, nameof(beta), $"channels");
        LayerArguments.Epsilon(epsilon);
        LayerArguments.LengthOrEmpty(savedMean, rows, nameof(savedMean), $"rows");
        LayerArguments.Length(savedInverseStd, savedMean, nameof(savedInverseStd), $"savedMean's length");
    }

    /// <summary>Checks a normalization backward's arguments; <paramref name="statistics"/> is the length of the saved spans.</summary>
    public static void Backward(int rows, int channels, int statistics, int input, int gamma, int savedMean, int savedInverseStd,
        int outputGradient, int inputGradient, int gammaGradient, int betaGradient)
    {
        LayerArguments.Rows(rows, channels, input, nameof(input));
        LayerArguments.Length(gamma, channels, nameof(gamma), $"channels");
        LayerArguments.Length(savedMean, statistics, nameof(savedMean), $"the statistics saved by the forward pass");
        LayerArguments.Length(savedInverseStd, statistics, nameof(savedInverseStd), $"the statistics saved by the forward pass");
        Gradients(channels, input, outputGradient, inputGradient, gammaGradient, betaGradient);
    }

    /// <summary>Checks <c>BatchNormalization.BackwardInference</c>'s arguments.</summary>
    public static void BackwardInference(int rows, int channels, int input, int gamma, int movingMean, int movingVariance, float epsilon,
        int outputGradient, int inputGradient, int gammaGradient, int betaGradient)
    {
        LayerArguments.Rows(rows, channels, input, nameof(input));
        LayerArguments.Length(gamma, channels, nameof(gamma), $"channels");
        LayerArguments.Length(movingMean, channels, nameof(movingMean), $"channels");
        LayerArguments.Length(movingVariance, channels, nameof(movingVariance), $"channels");
        LayerArguments.Epsilon(epsilon);
        Gradients(channels, input, outputGradient, inputGradient, gammaGradient, betaGradient);
    }

    /// <summary>The gradient spans both backward passes take: as long as the input (input gradient empty: skipped) or the channels.</summary>
    private static void Gradients(int channels, int input, int outputGradient, int inputGradient, int gammaGradient, int betaGradient)
    {
        LayerArguments.Length(outputGradient, input, nameof(outputGradient), $"rows x channels");
        LayerArguments.LengthOrEmpty(inputGradient, input, nameof(inputGradient), $"rows x channels");
        LayerArguments.Length(gammaGradient, channels, nameof(gammaGradient), $"channels");
        LayerArguments.Length(betaGradient, channels, nameof(betaGradient), $"channels");
    }
}
