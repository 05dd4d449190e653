using System;

namespace Generated.Kernels.Validation;

/// <summary>Checks of the dropout kernel.</summary>
internal static partial class Arguments
{
    /// <summary>Checks the rate and that input, mask and output have one length.</summary>
    public static void DropoutForward(float rate, int input, int mask, int output)
    {
        if (!(rate >= 0f && rate < 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, $"Dropout rate is the fraction of values dropped and must lie in [0, 1), got {rate}.");
        }
        Length(mask, input, nameof(mask), $"the input's length");
        Length(output, input, nameof(output), $"the input's length");
    }

    /// <summary>Checks that mask and both gradients have one length.</summary>
    public static void DropoutBackward(int mask, int outputGradient, int inputGradient)
    {
        Length(outputGradient, mask, nameof(outputGradient), $"the mask's length");
        LengthOrEmpty(inputGradient, mask, nameof(inputGradient), $"the mask's length");
    }
}
