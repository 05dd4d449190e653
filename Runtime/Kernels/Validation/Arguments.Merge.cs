using System;

namespace Generated.Kernels.Validation;

/// <summary>Checks of the merge kernels (Add, Concatenate).</summary>
internal static partial class Arguments
{
    /// <summary>Checks that both addends and the sum have one length.</summary>
    public static void MergeAdd(int a, int b, int output)
    {
        Length(b, a, nameof(b), $"a's length");
        Length(output, a, nameof(output), $"a's length");
    }

    /// <summary>Checks a channel copy/slice between a narrow tensor and a concatenated one.</summary>
    public static void MergeChannels(int pixels, int narrow, string narrowName, int narrowChannels, int wide, string wideName, int wideChannels, int channelOffset)
    {
        Positive(pixels, nameof(pixels));
        Positive(narrowChannels, "inputChannels");
        Positive(wideChannels, "outputChannels");
        if (channelOffset < 0 || channelOffset + (long)narrowChannels > wideChannels)
        {
            throw new ArgumentOutOfRangeException(nameof(channelOffset), channelOffset,
                $"Channels {channelOffset}..{channelOffset + (long)narrowChannels - 1} do not fit in a tensor of {wideChannels} channels; channelOffset must lie in [0, {wideChannels - narrowChannels}].");
        }
        Length(narrow, (long)pixels * narrowChannels, narrowName, $"pixels x inputChannels = {pixels} x {narrowChannels}");
        Length(wide, (long)pixels * wideChannels, wideName, $"pixels x outputChannels = {pixels} x {wideChannels}");
    }

    /// <summary>Checks an element-wise merge step: both operands and the result have one length.</summary>
    public static void MergeElementwise(int first, string firstName, int second, string secondName, int output, string outputName)
    {
        Length(second, first, secondName, $"{firstName}'s length");
        Length(output, first, outputName, $"{firstName}'s length");
    }

    /// <summary>Checks a merge's divisor (the number of averaged inputs).</summary>
    public static void Divisor(int divisor) => Positive(divisor, nameof(divisor));
}
