using System;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Numerics.Tensors;
using Generated.Kernels.Validation;

namespace Generated.Kernels;

/// <summary>
/// Merging layers: Keras <c>Add</c>, <c>Subtract</c>, <c>Multiply</c>, <c>Maximum</c>, <c>Minimum</c>, <c>Average</c>
/// (element-wise; generated code folds more than two inputs left to right, as Keras) and <c>Concatenate</c> on the channel
/// axis (NHWC), with what their backward passes need. Every output may be the same span as an operand.
/// </summary>
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

    /// <summary><c>output = a - b</c> element-wise (Keras <c>Subtract</c>).</summary>
    public static void Subtract(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> output)
    {
        Arguments.MergeElementwise(a.Length, nameof(a), b.Length, nameof(b), output.Length, nameof(output));
        TensorPrimitives.Subtract(a, b, output);
    }

    /// <summary><c>output = -input</c>: the gradient of a subtrahend.</summary>
    public static void Negate(ReadOnlySpan<float> input, Span<float> output)
    {
        Arguments.MergeElementwise(input.Length, nameof(input), input.Length, nameof(input), output.Length, nameof(output));
        TensorPrimitives.Negate(input, output);
    }

    /// <summary><c>output = a * b</c> element-wise (Keras <c>Multiply</c>, and its gradient: the output gradient times the other inputs).</summary>
    public static void Multiply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> output)
    {
        Arguments.MergeElementwise(a.Length, nameof(a), b.Length, nameof(b), output.Length, nameof(output));
        TensorPrimitives.Multiply(a, b, output);
    }

    /// <summary><c>output = max(a, b)</c> element-wise (Keras <c>Maximum</c>); NaN wins, as in <c>torch.maximum</c>.</summary>
    public static void Maximum(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> output)
    {
        Arguments.MergeElementwise(a.Length, nameof(a), b.Length, nameof(b), output.Length, nameof(output));
        TensorPrimitives.Max(a, b, output);
    }

    /// <summary><c>output = min(a, b)</c> element-wise (Keras <c>Minimum</c>); NaN wins, as in <c>torch.minimum</c>.</summary>
    public static void Minimum(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> output)
    {
        Arguments.MergeElementwise(a.Length, nameof(a), b.Length, nameof(b), output.Length, nameof(output));
        TensorPrimitives.Min(a, b, output);
    }

    /// <summary><c>output = input / divisor</c> (Keras <c>Average</c> divides the sum by the number of inputs; its gradient too).</summary>
    public static void Divide(ReadOnlySpan<float> input, int divisor, Span<float> output)
    {
        Arguments.Divisor(divisor);
        Arguments.MergeElementwise(input.Length, nameof(input), input.Length, nameof(input), output.Length, nameof(output));
        TensorPrimitives.Divide(input, divisor, output);
    }

    /// <summary>
    /// Counts, per element, the inputs of a Maximum/Minimum equal to its output: <c>count = (input == output)</c>, or
    /// <c>count += (input == output)</c> with <paramref name="accumulate"/>. Called once per input before <see cref="RouteToEqual"/>.
    /// </summary>
    public static void CountEqual(ReadOnlySpan<float> input, ReadOnlySpan<float> output, Span<float> count, bool accumulate)
    {
        Arguments.MergeElementwise(input.Length, nameof(input), output.Length, nameof(output), count.Length, nameof(count));
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var inputs = MemoryMarshal.Cast<float, Vector<float>>(input);
            var outputs = MemoryMarshal.Cast<float, Vector<float>>(output);
            var counts = MemoryMarshal.Cast<float, Vector<float>>(count);
            for (var v = 0; v < inputs.Length; v++)
            {
                var equal = Vector.ConditionalSelect(Vector.Equals(inputs[v], outputs[v]), Vector<float>.One, Vector<float>.Zero);
                counts[v] = accumulate ? counts[v] + equal : equal;
            }
            i = inputs.Length * Vector<float>.Count;
        }
        for (; i < input.Length; i++)
        {
            var equal = input[i] == output[i] ? 1f : 0f;
            count[i] = accumulate ? count[i] + equal : equal;
        }
    }

    /// <summary>
    /// The gradient of one input of a Maximum/Minimum: <c>outputGradient / count</c> where the input equals the output (it
    /// won), zero elsewhere. Ties share the gradient equally, as PyTorch's <c>torch.maximum</c>/<c>torch.minimum</c> for two
    /// inputs (half each) and <c>amax</c>/<c>amin</c> over stacked inputs for more. Overwrites <paramref name="inputGradient"/>.
    /// </summary>
    public static void RouteToEqual(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> count,
        ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        Arguments.MergeElementwise(input.Length, nameof(input), output.Length, nameof(output), count.Length, nameof(count));
        Arguments.MergeElementwise(input.Length, nameof(input), outputGradient.Length, nameof(outputGradient), inputGradient.Length, nameof(inputGradient));
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var inputs = MemoryMarshal.Cast<float, Vector<float>>(input);
            var outputs = MemoryMarshal.Cast<float, Vector<float>>(output);
            var counts = MemoryMarshal.Cast<float, Vector<float>>(count);
            var gradients = MemoryMarshal.Cast<float, Vector<float>>(outputGradient);
            var targets = MemoryMarshal.Cast<float, Vector<float>>(inputGradient);
            for (var v = 0; v < inputs.Length; v++)
            {
                targets[v] = Vector.ConditionalSelect(Vector.Equals(inputs[v], outputs[v]), gradients[v] / counts[v], Vector<float>.Zero);
            }
            i = inputs.Length * Vector<float>.Count;
        }
        for (; i < input.Length; i++)
        {
            inputGradient[i] = input[i] == output[i] ? outputGradient[i] / count[i] : 0f;
        }
    }
}
