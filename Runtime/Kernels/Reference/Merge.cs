using System;
using Generated.Kernels.Validation;

namespace Generated.Kernels.Reference;

/// <summary>Scalar reference of <see cref="Kernels.Merge"/>.</summary>
internal static class Merge
{
    /// <summary><c>output = a + b</c> element-wise (Keras <c>Add</c>).</summary>
    public static void Add(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> output)
    {
        Arguments.MergeAdd(a.Length, b.Length, output.Length);
        for (var i = 0; i < a.Length; i++)
        {
            output[i] = a[i] + b[i];
        }
    }

    /// <summary>Writes each pixel's <paramref name="inputChannels"/> values into channels <c>channelOffset..</c> of <paramref name="output"/> (Keras <c>Concatenate</c> on the last axis).</summary>
    public static void CopyChannels(int pixels, ReadOnlySpan<float> input, int inputChannels, Span<float> output, int outputChannels, int channelOffset)
    {
        Arguments.MergeChannels(pixels, input.Length, nameof(input), inputChannels, output.Length, nameof(output), outputChannels, channelOffset);
        for (var p = 0; p < pixels; p++)
        for (var c = 0; c < inputChannels; c++)
        {
            output[p * outputChannels + channelOffset + c] = input[p * inputChannels + c];
        }
    }

    /// <summary>Adjoint of <see cref="CopyChannels"/>: overwrites <paramref name="inputGradient"/> with channels <c>channelOffset..</c> of <paramref name="outputGradient"/>.</summary>
    public static void SliceChannels(int pixels, ReadOnlySpan<float> outputGradient, int outputChannels, int channelOffset, Span<float> inputGradient, int inputChannels)
    {
        Arguments.MergeChannels(pixels, inputGradient.Length, nameof(inputGradient), inputChannels, outputGradient.Length, nameof(outputGradient), outputChannels, channelOffset);
        for (var p = 0; p < pixels; p++)
        for (var c = 0; c < inputChannels; c++)
        {
            inputGradient[p * inputChannels + c] = outputGradient[p * outputChannels + channelOffset + c];
        }
    }
}
