using System;

namespace Generated.Training;

/// <summary>
/// Seeded Fisher-Yates shuffle of sample indices, one permutation per (seed, epoch): a run is reproducible and
/// every epoch sees a different order, as Keras' <c>shuffle=True</c>.
/// </summary>
internal static class EpochShuffle
{
    /// <summary>Fills <paramref name="indices"/> with 0..n-1 (shuffled when <paramref name="shuffle"/>).</summary>
    public static void Fill(Span<int> indices, bool shuffle, int seed, int epoch)
    {
        for (var i = 0; i < indices.Length; i++)
        {
            indices[i] = i;
        }
        if (!shuffle)
        {
            return;
        }
        var state = ((ulong)(uint)seed << 32) ^ (uint)epoch ^ 0x9E3779B97F4A7C15UL;
        for (var i = indices.Length - 1; i > 0; i--)
        {
            var j = (int)(Next(ref state) % (ulong)(i + 1));
            (indices[i], indices[j]) = (indices[j], indices[i]);
        }
    }

    /// <summary>SplitMix64: a full-period 64-bit generator, plenty for shuffling.</summary>
    private static ulong Next(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
