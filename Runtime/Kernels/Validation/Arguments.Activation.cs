using System;

namespace Generated.Kernels.Validation;

/// <summary>Checks of the activation kernels.</summary>
internal static partial class Arguments
{
    /// <summary>Throws unless an activation kind is one the kernels implement.</summary>
    public static void ActivationKind(Generated.Activation kind, float alpha, int channels, int length)
    {
        if (kind < Generated.Activation.Linear || kind > Generated.Activation.HardSwish)
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown activation; use a value of Generated.Activation.");
        }
        if (kind == Generated.Activation.LeakyRelu && !(alpha >= 0f && alpha <= 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "LeakyRelu's negative slope alpha must lie in [0, 1] (Keras' default for the activation is 0.2).");
        }
        Positive(channels, nameof(channels));
        if (kind == Generated.Activation.Softmax && length % channels != 0)
        {
            throw new ArgumentException(
                $"Softmax runs over groups of {channels} channels but the span holds {length} floats, not a multiple of {channels}.", nameof(channels));
        }
    }

    /// <summary>Checks the span lengths of <c>Activations.Backward</c>; only Swish, Gelu and HardSwish need the pre-activation input.</summary>
    public static void ActivationBackward(Generated.Activation kind, int input, int output, int outputGradient, int inputGradient)
    {
        Length(outputGradient, output, nameof(outputGradient), $"the output's length");
        Length(inputGradient, output, nameof(inputGradient), $"the output's length");
        if (Activations.NeedsInput(kind))
        {
            Length(input, output, nameof(input), $"the output's length ({kind}'s derivative needs the pre-activation input)");
        }
        else
        {
            LengthOrEmpty(input, output, nameof(input), $"the output's length");
        }
    }
}
