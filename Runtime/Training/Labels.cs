using System;

namespace Generated.Training;

/// <summary>Integer labels as the float targets the losses read (exact for every class index below 2^24).</summary>
internal static class Labels
{
    /// <summary>A new float array holding <paramref name="labels"/>.</summary>
    public static float[] ToFloats(ReadOnlySpan<int> labels)
    {
        var values = new float[labels.Length];
        Write(labels, values);
        return values;
    }

    /// <summary>Writes <paramref name="labels"/> as floats into <paramref name="destination"/> (same length).</summary>
    public static void Write(ReadOnlySpan<int> labels, Span<float> destination)
    {
        for (var i = 0; i < labels.Length; i++)
        {
            destination[i] = labels[i];
        }
    }
}
