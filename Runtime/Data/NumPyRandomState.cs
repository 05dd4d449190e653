using System;

namespace Generated.Data;

/// <summary>
/// NumPy's legacy <c>np.random.RandomState(seed)</c> (MT19937 seeded with <c>init_genrand</c>) and its
/// <c>shuffle</c>, so that a file list shuffled with a seed comes out in the order Keras'
/// <c>image_dataset_from_directory</c> gives it, and the same validation files are held out.
/// </summary>
/// <remarks>
/// <c>RandomState.shuffle</c> walks <c>i = n-1 .. 1</c> and swaps <c>x[i]</c> with <c>x[j]</c>, where <c>j</c> is
/// <c>random_interval(i)</c>: 32-bit draws masked to the smallest all-ones mask covering <c>i</c>, redrawn until
/// at most <c>i</c> (numpy/random/src/distributions/distributions.c).
/// </remarks>
internal sealed class NumPyRandomState
{
    private const int N = 624;
    private const int M = 397;
    private readonly uint[] state = new uint[N];
    private int position;

    /// <summary>Seeds the generator as <c>np.random.RandomState(seed)</c> does for an integer seed.</summary>
    public NumPyRandomState(uint seed)
    {
        state[0] = seed;
        for (int i = 1; i < N; i++)
        {
            state[i] = (1812433253u * (state[i - 1] ^ (state[i - 1] >> 30))) + (uint)i;
        }

        position = N;
    }

    /// <summary>The next raw 32-bit output (MT19937's <c>genrand_int32</c>).</summary>
    public uint NextUInt32()
    {
        if (position >= N)
        {
            Generate();
        }

        uint y = state[position++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9D2C5680u;
        y ^= (y << 15) & 0xEFC60000u;
        y ^= y >> 18;
        return y;
    }

    /// <summary>Shuffles <paramref name="items"/> in place exactly as <c>RandomState.shuffle</c> shuffles a list.</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = (int)Interval((uint)i);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    // random_interval for max < 2^32: rejection sampling under the smallest bit mask covering max.
    private uint Interval(uint max)
    {
        uint mask = max;
        mask |= mask >> 1;
        mask |= mask >> 2;
        mask |= mask >> 4;
        mask |= mask >> 8;
        mask |= mask >> 16;
        uint value;
        while ((value = NextUInt32() & mask) > max)
        {
        }

        return value;
    }

    private void Generate()
    {
        const uint upper = 0x80000000u;
        const uint lower = 0x7FFFFFFFu;
        for (int k = 0; k < N; k++)
        {
            uint y = (state[k] & upper) | (state[(k + 1) % N] & lower);
            state[k] = state[(k + M) % N] ^ (y >> 1) ^ ((y & 1u) != 0 ? 0x9908B0DFu : 0u);
        }

        position = 0;
    }
}
