using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Generated;

/// <summary>
/// A fast, deterministic pseudo-random generator: xoshiro256** (Blackman and Vigna, 2018,
/// https://prng.di.unimi.it/) with its 256-bit state filled from the seed by SplitMix64, as its
/// authors recommend. The same seed gives the same sequence on every machine and runtime, which
/// makes weight initialization, dropout and shuffling reproducible.
/// </summary>
/// <remarks>
/// A mutable struct: pass it by <c>ref</c> (copies continue the sequence independently). Not
/// thread-safe; give each thread its own generator. <c>default(SeededRandom)</c> has an all-zero
/// state that only produces zeros: create generators with a constructor.
/// </remarks>
public struct SeededRandom
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>A generator with seed 0 (the networks' default seed).</summary>
    public SeededRandom() : this(0UL) { }

    /// <summary>A generator whose sequence is determined by <paramref name="seed"/>.</summary>
    public SeededRandom(ulong seed)
    {
        var mix = seed;
        _s0 = SplitMix64(ref mix);
        _s1 = SplitMix64(ref mix);
        _s2 = SplitMix64(ref mix);
        _s3 = SplitMix64(ref mix);
    }

    /// <summary>One step of SplitMix64 (Steele, Lea and Flood): advances <paramref name="state"/> and returns a well-mixed 64-bit value.</summary>
    public static ulong SplitMix64(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The next 64 uniformly distributed bits.</summary>
    public ulong NextUInt64() => Step(ref _s0, ref _s1, ref _s2, ref _s3);

    /// <summary>The next 32 uniformly distributed bits (the high half of <see cref="NextUInt64"/>, the better-mixed one).</summary>
    public uint NextUInt32() => (uint)(NextUInt64() >> 32);

    /// <summary>A uniform float in [0, 1): one of the 2^24 multiples of 2^-24.</summary>
    public float NextSingle() => (NextUInt64() >> 40) * (1f / (1 << 24));

    /// <summary>
    /// Fills <paramref name="values"/> with the floats that as many calls of <see cref="NextSingle"/> would return, in
    /// the same order, and leaves the generator where those calls would.
    /// </summary>
    /// <remarks>
    /// Dropout draws one float per activation; called one at a time through a <c>ref</c>, the generator's state goes
    /// back to memory after every draw, which made a dropout mask cost about 8 ns per value. Here the state stays in
    /// registers for the whole span.
    /// </remarks>
    public void NextSingles(Span<float> values)
    {
        ulong s0 = _s0, s1 = _s1, s2 = _s2, s3 = _s3;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (Step(ref s0, ref s1, ref s2, ref s3) >> 40) * (1f / (1 << 24));
        }
        (_s0, _s1, _s2, _s3) = (s0, s1, s2, s3);
    }

    /// <summary>A uniform double in [0, 1): one of the 2^53 multiples of 2^-53.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform float in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public float NextUniform(float low, float high)
    {
        if (!(low < high) || float.IsInfinity(high - low))
        {
            throw new ArgumentOutOfRangeException(nameof(high), high, $"NextUniform needs finite bounds with low < high, got [{low}, {high}).");
        }
        var value = low + (high - low) * NextSingle();
        // Rounding can land exactly on high when the interval is wide compared with its bounds.
        return value < high ? value : MathF.BitDecrement(high);
    }

    /// <summary>A standard normal sample (mean 0, variance 1) by the Box-Muller transform in double precision.</summary>
    public float NextGaussian()
    {
        var u1 = 1.0 - NextDouble(); // (0, 1]: the logarithm stays finite
        var u2 = NextDouble();
        return (float)(Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
    }

    /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>), without modulo bias (Lemire's multiply-and-reject method).</summary>
    public int NextInt(int maxExclusive)
    {
        if (maxExclusive <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxExclusive), maxExclusive, $"NextInt needs a positive exclusive bound, got {maxExclusive}.");
        }
        var bound = (uint)maxExclusive;
        var product = (ulong)NextUInt32() * bound;
        if ((uint)product < bound)
        {
            // Reject the low products that would make some results one draw more likely than others.
            var threshold = (0u - bound) % bound;
            while ((uint)product < threshold)
            {
                product = (ulong)NextUInt32() * bound;
            }
        }
        return (int)(product >> 32);
    }

    /// <summary>Puts <paramref name="items"/> in a uniformly random order (Fisher-Yates).</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    // One xoshiro256** step on the state passed in: the fields for single draws, locals for NextSingles.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Step(ref ulong s0, ref ulong s1, ref ulong s2, ref ulong s3)
    {
        var result = BitOperations.RotateLeft(s1 * 5, 7) * 9;
        var t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = BitOperations.RotateLeft(s3, 45);
        return result;
    }
}
