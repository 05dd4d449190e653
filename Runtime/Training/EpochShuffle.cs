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
        var random = new SeededRandom(((ulong)(uint)seed << 32) | (uint)epoch);
        random.Shuffle(indices);
    }
}
