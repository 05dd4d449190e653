using System;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Generated.Training;

/// <summary>Finds NaN and infinity in a buffer: <c>v - v</c> is 0 for every finite value and NaN otherwise.</summary>
internal static class FiniteCheck
{
    /// <summary>Index of the first NaN or infinity, or -1.</summary>
    public static int IndexOfNonFinite(ReadOnlySpan<float> values)
    {
        var vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
        var start = vectors.Length * Vector<float>.Count;
        for (var i = 0; i < vectors.Length; i++)
        {
            var v = vectors[i];
            if (!Vector.EqualsAll(v - v, Vector<float>.Zero))
            {
                start = i * Vector<float>.Count;
                break;
            }
        }
        for (var i = start; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                return i;
            }
        }
        return -1;
    }
}
