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

    /// <summary><c>output = a - b</c> element-wise (Keras <c>Subtract</c>).</summary>
    public static void Subtract(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> output)
    {
        Arguments.MergeElementwise(a.Length, nameof(a), b.Length, nameof(b), output.Length, nameof(output));
        for (var i = 0; i < a.Length; i++)
        {
            output[i] = a[i] - b[i];
        }
    }

    /// <summary><c>output = -input</c>.</summary>
    public static void Negate(ReadOnlySpan<float> input, Span<float> output)
    {
        Arguments.MergeElementwise(input.Length, nameof(input), input.Length, nameof(input), output.Length, nameof(output));
        for (var i = 0; i < input.Length; i++)
        {
            output[i] = -input[i];
        }
    }

    /// <summary><c>output = a * b</c> element-wise (Keras <c>Multiply</c>).</summary>
    public static void Multiply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> output)
    {
        Arguments.MergeElementwise(a.Length, nameof(a), b.Length, nameof(b), output.Length, nameof(output));
        for (var i = 0; i < a.Length; i++)
        {
            output[i] = a[i] * b[i];
        }
    }

    /// <summary><c>output = max(a, b)</c> element-wise; NaN wins.</summary>
    public static void Maximum(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> output)
    {
        Arguments.MergeElementwise(a.Length, nameof(a), b.Length, nameof(b), output.Length, nameof(output));
        for (var i = 0; i < a.Length; i++)
        {
            output[i] = float.IsNaN(a[i]) || float.IsNaN(b[i]) ? float.NaN : a[i] >= b[i] ? a[i] : b[i];
        }
    }

    /// <summary><c>output = min(a, b)</c> element-wise; NaN wins.</summary>
    public static void Minimum(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> output)
    {
        Arguments.MergeElementwise(a.Length, nameof(a), b.Length, nameof(b), output.Length, nameof(output));
        for (var i = 0; i < a.Length; i++)
        {
            output[i] = float.IsNaN(a[i]) || float.IsNaN(b[i]) ? float.NaN : a[i] <= b[i] ? a[i] : b[i];
        }
    }

    /// <summary><c>output = input / divisor</c>.</summary>
    public static void Divide(ReadOnlySpan<float> input, int divisor, Span<float> output)
    {
        Arguments.Divisor(divisor);
        Arguments.MergeElementwise(input.Length, nameof(input), input.Length, nameof(input), output.Length, nameof(output));
        for (var i = 0; i < input.Length; i++)
        {
            output[i] = input[i] / divisor;
        }
    }

    /// <summary><c>count = (input == output)</c>, or <c>count += ...</c> with <paramref name="accumulate"/>.</summary>
    public static void CountEqual(ReadOnlySpan<float> input, ReadOnlySpan<float> output, Span<float> count, bool accumulate)
    {
        Arguments.MergeElementwise(input.Length, nameof(input), output.Length, nameof(output), count.Length, nameof(count));
        for (var i = 0; i < input.Length; i++)
        {
            var equal = input[i] == output[i] ? 1f : 0f;
            count[i] = accumulate ? count[i] + equal : equal;
        }
    }

    /// <summary><c>outputGradient / count</c> where the input equals the output, zero elsewhere.</summary>
    public static void RouteToEqual(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> count,
        ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        Arguments.MergeElementwise(input.Length, nameof(input), output.Length, nameof(output), count.Length, nameof(count));
        Arguments.MergeElementwise(input.Length, nameof(input), outputGradient.Length, nameof(outputGradient), inputGradient.Length, nameof(inputGradient));
        for (var i = 0; i < input.Length; i++)
        {
            inputGradient[i] = input[i] == output[i] ? outputGradient[i] / count[i] : 0f;
        }
    }
}
