using System;
using System.Globalization;

namespace Generated.Data;

/// <summary>The argument checks every batch augmentation shares.</summary>
internal static class AugmentationBuffers
{
    /// <summary>
    /// Checks that <paramref name="input"/> holds whole samples of <paramref name="shape"/>, that
    /// <paramref name="output"/> has the same length, and that the two are either the same memory
    /// (in place) or do not overlap; returns the number of samples.
    /// </summary>
    public static int CheckedBatch(TensorShape shape, ReadOnlySpan<float> input, Span<float> output, out bool inPlace)
    {
        int size = shape.Size;
        if (size <= 0)
        {
            throw new ArgumentException($"The sample shape {shape} has no elements.", nameof(shape));
        }

        if (input.Length % size != 0)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The input has {input.Length} floats, not a whole number of {shape} samples ({size} floats each)."),
                nameof(input));
        }

        if (output.Length != input.Length)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The output must have the input's length, {input.Length} floats, but has {output.Length}."),
                nameof(output));
        }

        if (input.Overlaps(output, out int offset) && offset != 0)
        {
            throw new ArgumentException(
                "The output partly overlaps the input; pass the same buffer for an in-place update or two separate buffers.",
                nameof(output));
        }

        inPlace = input.Length > 0 && input.Overlaps(output);
        return input.Length / size;
    }
}
