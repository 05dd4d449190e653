using System;

namespace Generated.Kernels.Validation;

/// <summary>Argument checks of the activation backward shared by the fast kernel and its reference twin.</summary>
internal static class ActivationArguments
{
    /// <summary>Checks the span lengths of <c>Activations.Backward</c>; only Swish needs the pre-activation input.</summary>
    public static void Backward(Activation kind, int input, int output, int outputGradient, int inputGradient)
    {
        LayerArguments.Length(outputGradient, output, nameof(outputGradient), $"the output's length");
        LayerArguments.Length(inputGradient, output, nameof(inputGradient), $"the output's length");
        if (kind == Activation.Swish)
        {
            LayerArguments.Length(input, output, nameof(input), $"the output's length (Swish's derivative needs the pre-activation input)");
        }
        else
        {
            LayerArguments.LengthOrEmpty(input, output, nameof(input), $"the output's length");
        }
    }
}
