using System;

namespace Generated.Kernels.Validation;

/// <summary>Argument checks shared by the merge kernels and their reference twins.</summary>
internal static class MergeArguments
{
    /// <summary>Checks that both addends and the sum have one length.</summary>
    public static void Add(int a, int b, int output)
    {
        LayerArguments.Length(b, a, nameof(b), $"a's length");
        LayerArguments.Length(output, a, nameof(output), $"a's length");
    }

    /// <summary>Checks a channel copy/slice between a narrow tensor and a concatenated one.</summary>
    public static void Channels(int pixels, int narrow, string narrowName, int narrowChannels, int wide, string wideName, int wideChannels, int channelOffset)
    {
        LayerArguments.Positive(pixels, nameof(pixels));
        LayerArguments.Positive(narrowChannels, "inputChannels");
        LayerArguments.Positive(wideChannels, "outputChannels");
        if (channelOffset < 0 || channelOffset + (long)narrowChannels > wideChannels)
        {
            throw new ArgumentOutOfRangeException(nameof(channelOffset), channelOffset,
                $"Channels {channelOffset}..{channelOffset + (long)narrowChannels - 1} do not fit in a tensor of {wideChannels} channels; channelOffset must lie in [0, {wideChannels - narrowChannels}].");
        }
        LayerArguments.Length(narrow, (long)pixels * narrowChannels, narrowName, $"pixels x inputChannels = {pixels} x {narrowChannels}");
        LayerArguments.Length(wide, (long)pixels * wideChannels, wideName, $"pixels x outputChannels = {pixels} x {wideChannels}");
    }
}
