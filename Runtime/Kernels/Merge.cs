using System;
using System.Numerics.Tensors;
using Generated.Kernels.Validation;

namespace Generated.Kernels;

/// <summary>Merging layers: Keras <c>Add</c> and <c>Concatenate</c> on the channel axis (NHWC).</summary>
public static class Merge
{
    /// <summary><c>output = a + b</c> element-wise; <paramref name="output"/> may be the same span as either addend.</summary>
    public static void Add(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> output)
    {
        Arguments.MergeAdd(a.Length, b.Length, output.Length);
        TensorPrimitives.Add(a, b, output);
    }

    /// <summary>Writes each pixel's <paramref name="inputChannels"/> values into channels <c>channelOffset..</c> of <paramref name="output"/> (pixels x outputChannels).</summary>
    public static void CopyChannels(int pixels, ReadOnlySpan<float> input, int inputChannels, Span<float> output, int outputChannels, int channelOffset)
    {
        Arguments.MergeChannels(pixels, input.Length, nameof(input), inputChannels, output.Length, nameof(output), outputChannels, channelOffset);
        if (inputChannels == outputChannels)
        {
            input.CopyTo(output);
            return;
        }
        for (var p = 0; p < pixels; p++)
        {
            input.Slice(p * inputChannels, inputChannels).CopyTo(output.Slice(p * outputChannels + channelOffset, inputChannels));
        }
    }

    /// <summary>Adjoint of <see cref="CopyChannels"/>: overwrites <paramref name="inputGradient"/> with channels <c>channelOffset..</c> of <paramref name="outputGradient"/>.</summary>
    public static void SliceChannels(int pixels, ReadOnlySpan<float> outputGradient, int outputChannels, int channelOffset, Span<float> inputGradient, int inputChannels)
    {
        Arguments.MergeChannels(pixels, inputGradient.Length, nameof(inputGradient), inputChannels, outputGradient.Length, nameof(outputGradient), outputChannels, channelOffset);
        if (inputChannels == outputChannels)
        {
            outputGradient.CopyTo(inputGradient);
            return;
        }
        for (var p = 0; p < pixels; p++)
        {
            outputGradient.Slice(p * outputChannels + channelOffset, inputChannels).CopyTo(inputGradient.Slice(p * inputChannels, inputChannels));
        }
    }
}
