using System;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Generated.Kernels;

/// <summary>The keep-or-drop factors of inverted dropout, shared by <see cref="Dropout"/> and <see cref="SpatialDropout2D"/>.</summary>
internal static class DropoutMask
{
    /// <summary>
    /// <c>mask[i] = u[i] &gt;= rate ? 1/(1 - rate) : 0</c> for the next <c>mask.Length</c> uniform draws <c>u</c> of
    /// <paramref name="random"/>: the same factors, in the same order, as one <see cref="SeededRandom.NextSingle"/> per value.
    /// </summary>
    public static void Fill(float rate, ref SeededRandom random, Span<float> mask)
    {
        // The draws are serial (one generator), so they go in first, and the comparison follows a vector at a time.
        random.NextSingles(mask);
        var kept = 1f / (1f - rate);
        var i = 0;
        if (Vector.IsHardwareAccelerated && mask.Length >= Vector<float>.Count)
        {
            var threshold = new Vector<float>(rate);
            var keptFactor = new Vector<float>(kept);
            var vectors = MemoryMarshal.Cast<float, Vector<float>>(mask);
            for (var v = 0; v < vectors.Length; v++)
            {
                vectors[v] = Vector.ConditionalSelect(Vector.GreaterThanOrEqual(vectors[v], threshold), keptFactor, Vector<float>.Zero);
            }
            i = vectors.Length * Vector<float>.Count;
        }
        for (; i < mask.Length; i++)
        {
            mask[i] = mask[i] >= rate ? kept : 0f;
        }
    }
}
