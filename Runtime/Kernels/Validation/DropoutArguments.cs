using System;

namespace Generated.Kernels.Validation;

/// <summary>Argument checks shared by the dropout kernel and its reference twin.</summary>
internal static class DropoutArguments
{
    /// <summary>Checks the rate and that input, mask and output have one length.</summary>
    public static void Forward(float rate, int input, int mask, int output)
    {
        if (!(rate >= 0f && rate < 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, $"Dropout rate is the fraction of values dropped and must lie in [0, 1), got {rate}.");
        }
        LayerArguments.Length(mask, input, nameof(mask), $"the input's length");
        LayerArguments.Length(output, input, nameof(output), $"the input's length");
    }

    /// <summary>Checks that mask and both gradients have one length.</summary>
    public static void Backward(int mask, int outputGradient, int inputGradient)
    {
        LayerArguments.Length(outputGradient, mask, nameof(outputGradient), $"the mask's length");
        LayerArguments.LengthOrEmpty(inputGradient, mask, nameof(inputGradient), $"the mask's length");
    }
}
