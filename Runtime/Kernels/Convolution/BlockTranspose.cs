using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Generated.Kernels.Convolution;

/// <summary>
/// An 8x8 float transpose in registers (AVX: unpack, shuffle, 128-bit permute), for rearranging NHWC pixels into
/// planes per channel and back: eight vector loads and eight vector stores where a scalar copy makes 64 of each.
/// </summary>
internal static unsafe class BlockTranspose
{
    /// <summary>Whether <see cref="Transpose8x8"/> can run (x86 AVX); callers fall back to scalar copies otherwise.</summary>
    public static bool IsSupported => Avx.IsSupported;

    /// <summary><c>target[j * targetStride + i] = source[i * sourceStride + j]</c> for <c>i, j &lt; 8</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Transpose8x8(float* source, long sourceStride, float* target, long targetStride)
    {
        var r0 = Avx.LoadVector256(source);
        var r1 = Avx.LoadVector256(source + sourceStride);
        var r2 = Avx.LoadVector256(source + 2 * sourceStride);
        var r3 = Avx.LoadVector256(source + 3 * sourceStride);
        var r4 = Avx.LoadVector256(source + 4 * sourceStride);
        var r5 = Avx.LoadVector256(source + 5 * sourceStride);
        var r6 = Avx.LoadVector256(source + 6 * sourceStride);
        var r7 = Avx.LoadVector256(source + 7 * sourceStride);
        TransposeAndStore(r0, r1, r2, r3, r4, r5, r6, r7, target, targetStride);
    }

    /// <summary>Stores column j of the 8x8 matrix with rows <paramref name="r0"/>-<paramref name="r7"/> at <c>target + j * targetStride</c>, in order j = 0..7.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TransposeAndStore(Vector256<float> r0, Vector256<float> r1, Vector256<float> r2, Vector256<float> r3,
        Vector256<float> r4, Vector256<float> r5, Vector256<float> r6, Vector256<float> r7, float* target, long targetStride)
    {
        // Pairs of rows interleaved: columns (0, 1) and (4, 5) from the low halves, (2, 3) and (6, 7) from the high.
        var t0 = Avx.UnpackLow(r0, r1);
        var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5);
        var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7);
        var t7 = Avx.UnpackHigh(r6, r7);
        // Four rows of one column per 128-bit half: s0 holds column 0 (low) and 4 (high) of rows 0-3, and so on.
        var s0 = Avx.Shuffle(t0, t2, 0x44);
        var s1 = Avx.Shuffle(t0, t2, 0xEE);
        var s2 = Avx.Shuffle(t1, t3, 0x44);
        var s3 = Avx.Shuffle(t1, t3, 0xEE);
        var s4 = Avx.Shuffle(t4, t6, 0x44);
        var s5 = Avx.Shuffle(t4, t6, 0xEE);
        var s6 = Avx.Shuffle(t5, t7, 0x44);
        var s7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Store(target, Avx.Permute2x128(s0, s4, 0x20));
        Avx.Store(target + targetStride, Avx.Permute2x128(s1, s5, 0x20));
        Avx.Store(target + 2 * targetStride, Avx.Permute2x128(s2, s6, 0x20));
        Avx.Store(target + 3 * targetStride, Avx.Permute2x128(s3, s7, 0x20));
        Avx.Store(target + 4 * targetStride, Avx.Permute2x128(s0, s4, 0x31));
        Avx.Store(target + 5 * targetStride, Avx.Permute2x128(s1, s5, 0x31));
        Avx.Store(target + 6 * targetStride, Avx.Permute2x128(s2, s6, 0x31));
        Avx.Store(target + 7 * targetStride, Avx.Permute2x128(s3, s7, 0x31));
    }

    /// <summary>
    /// <c>target[c * targetStride + x] = source[x * channels + c]</c> for <paramref name="pixels"/> NHWC pixels of
    /// <paramref name="channels"/> channels: 8x8 blocks in registers, the remainders one float at a time.
    /// </summary>
    public static void PixelsToPlanes(float* source, int pixels, int channels, float* target, long targetStride)
    {
        var x = 0;
        if (IsSupported && channels >= 8)
        {
            for (; x < pixels && pixels >= 8; x += 8)
            {
                // The last block of a row overlaps the one before it (rewriting the same values) rather than going scalar.
                x = Math.Min(x, pixels - 8);
                var c = 0;
                for (; c + 8 <= channels; c += 8)
                {
                    Transpose8x8(source + (long)x * channels + c, channels, target + c * targetStride + x, targetStride);
                }
                for (; c < channels; c++)
                {
                    for (var i = x; i < x + 8; i++)
                    {
                        target[c * targetStride + i] = source[(long)i * channels + c];
                    }
                }
            }
        }
        else if (Avx2.IsSupported && channels > 1)
        {
            // Fewer than 8 channels: each plane row of 8 pixels is one gather at a stride of the channel count.
            var indices = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7) * channels;
            for (; x < pixels && pixels >= 8; x += 8)
            {
                x = Math.Min(x, pixels - 8);
                var pixel = source + (long)x * channels;
                for (var c = 0; c < channels; c++)
                {
                    Avx.Store(target + c * targetStride + x, Avx2.GatherVector256(pixel + c, indices, 4));
                }
            }
        }
        for (; x < pixels; x++)
        {
            for (var c = 0; c < channels; c++)
            {
                target[c * targetStride + x] = source[(long)x * channels + c];
            }
        }
    }

    /// <summary>
    /// The inverse of <see cref="PixelsToPlanes"/>: <c>target[x * channels + c] = source[c * sourceStride + x]</c> for
    /// <paramref name="pixels"/> pixels, 8x8 blocks in registers and the remainders one float at a time.
    /// </summary>
    public static void PlanesToPixels(float* source, long sourceStride, int pixels, int channels, float* target)
    {
        var x = 0;
        if (IsSupported && channels >= 8)
        {
            for (; x < pixels && pixels >= 8; x += 8)
            {
                x = Math.Min(x, pixels - 8);
                var c = 0;
                for (; c + 8 <= channels; c += 8)
                {
                    Transpose8x8(source + c * sourceStride + x, sourceStride, target + (long)x * channels + c, channels);
                }
                for (; c < channels; c++)
                {
                    for (var i = x; i < x + 8; i++)
                    {
                        target[(long)i * channels + c] = source[c * sourceStride + i];
                    }
                }
            }
        }
        else if (IsSupported && channels > 1)
        {
            // Fewer than 8 channels: the missing plane rows are zeros, and each pixel's store of 8 floats runs past its
            // channels into the following pixels', which later stores overwrite; so a block is done this way only while
            // the last pixel's 8 floats end inside this row.
            var zero = Vector256<float>.Zero;
            for (; x + 8 <= pixels && (long)(x + 7) * channels + 8 <= (long)pixels * channels; x += 8)
            {
                var row = source + x;
                TransposeAndStore(
                    Avx.LoadVector256(row),
                    Avx.LoadVector256(row + sourceStride),
                    channels > 2 ? Avx.LoadVector256(row + 2 * sourceStride) : zero,
                    channels > 3 ? Avx.LoadVector256(row + 3 * sourceStride) : zero,
                    channels > 4 ? Avx.LoadVector256(row + 4 * sourceStride) : zero,
                    channels > 5 ? Avx.LoadVector256(row + 5 * sourceStride) : zero,
                    channels > 6 ? Avx.LoadVector256(row + 6 * sourceStride) : zero,
                    zero,
                    target + (long)x * channels,
                    channels);
            }
        }
        for (; x < pixels; x++)
        {
            for (var c = 0; c < channels; c++)
            {
                target[(long)x * channels + c] = source[c * sourceStride + x];
            }
        }
    }
}
