namespace Generated.Kernels.Convolution;

/// <summary>
/// The portable builds' NHWC pixel &lt;-&gt; channel-plane rearranging: plain copies (the net8.0 file transposes 8x8 and
/// 4x4 blocks in AVX/AdvSimd registers, which <see cref="System.Numerics.Vector{T}"/> cannot shuffle). Callers ask
/// <see cref="IsSupported"/> and <see cref="Is4x4Supported"/>, both false here, and take their element-wise paths.
/// </summary>
internal static unsafe class BlockTranspose
{
    /// <summary>Whether register 4x4 transposes run: never in the portable builds.</summary>
    public static bool Is4x4Supported => false;

    /// <summary>Whether register 8x8 transposes run: never in the portable builds.</summary>
    public static bool IsSupported => false;

    /// <summary><c>target[j * targetStride + i] = source[i * sourceStride + j]</c> for <c>i, j &lt; 4</c>, one float at a time.</summary>
    public static void Transpose4x4(float* source, long sourceStride, float* target, long targetStride)
    {
        for (var i = 0; i < 4; i++)
        {
            for (var j = 0; j < 4; j++)
            {
                target[j * targetStride + i] = source[i * sourceStride + j];
            }
        }
    }

    /// <summary><c>target[c * targetStride + x] = source[x * channels + c]</c> for <paramref name="pixels"/> NHWC pixels of <paramref name="channels"/> channels.</summary>
    public static void PixelsToPlanes(float* source, int pixels, int channels, float* target, long targetStride)
    {
        for (var x = 0; x < pixels; x++)
        {
            for (var c = 0; c < channels; c++)
            {
                target[c * targetStride + x] = source[(long)x * channels + c];
            }
        }
    }

    /// <summary>The inverse of <see cref="PixelsToPlanes"/>: <c>target[x * channels + c] = source[c * sourceStride + x]</c>.</summary>
    public static void PlanesToPixels(float* source, long sourceStride, int pixels, int channels, float* target)
    {
        for (var x = 0; x < pixels; x++)
        {
            for (var c = 0; c < channels; c++)
            {
                target[(long)x * channels + c] = source[c * sourceStride + x];
            }
        }
    }
}
