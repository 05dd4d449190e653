using System;

namespace Generated.Data;

/// <summary>
/// The small seeded generator the data pipeline draws from (shuffles, splits, augmentation):
/// xoshiro256** seeded through SplitMix64, so every seed (0 included) gives a well-mixed state and
/// the same seed gives the same order on every machine and runtime.
/// </summary>
/// <remarks>
/// Kept private to the data namespace on purpose: the public seeds are plain <see cref="ulong"/>s,
/// so the data sets' orders do not depend on which generator the kernels use.
/// </remarks>
internal struct ShuffleRandom
{
    private ulong s0, s1, s2, s3;

    public ShuffleRandom(ulong seed)
    {
        s0 = SplitMix(ref seed);
        s1 = SplitMix(ref seed);
        s2 = SplitMix(ref seed);
        s3 = SplitMix(ref seed);
    }

    /// <summary>The next 64 uniformly distributed bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = RotateLeft(s1 * 5, 7) * 9;
        ulong t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = RotateLeft(s3, 45);
        return result;
    }

    /// <summary>A uniform integer in <c>[0, maxExclusive)</c> without modulo bias (Lemire's method).</summary>
    public int NextInt(int maxExclusive)
    {
        if (maxExclusive <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxExclusive), maxExclusive, "The exclusive upper bound must be positive.");
        }

        // 32 random bits r give (r * range) >> 32 uniform in [0, range) once the few low parts that
        // would over-represent some results are rejected.
        ulong range = (ulong)maxExclusive;
        ulong threshold = (0x1_0000_0000UL - range) % range;
        ulong m = (NextUInt64() >> 32) * range;
        while ((m & 0xFFFF_FFFFUL) < threshold)
        {
            m = (NextUInt64() >> 32) * range;
        }

        return (int)(m >> 32);
    }

    /// <summary>A fair coin.</summary>
    public bool NextBool() => (NextUInt64() >> 63) != 0;

    /// <summary>Shuffles <paramref name="values"/> in place (Fisher-Yates).</summary>
    public void Shuffle(Span<int> values)
    {
        for (int i = values.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }

    private static ulong SplitMix(ref ulong state)
    {
        ulong z = state += 0x9E37_79B9_7F4A_7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58_476D_1CE4_E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D0_49BB_1331_11EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong value, int count) => (value << count) | (value >> (64 - count));
}
