using System;

namespace Generated.Training;

/// <summary>Per-thread scratch for loss kernels: grown to the largest request once, never shrunk, so steady-state calls allocate nothing.</summary>
internal static class LossScratch
{
    [ThreadStatic]
    private static float[]? _first;

    [ThreadStatic]
    private static float[]? _second;

    /// <summary>A scratch span of <paramref name="length"/> floats (contents undefined).</summary>
    public static Span<float> First(int length) => Grow(ref _first, length);

    /// <summary>A second scratch span, distinct from <see cref="First"/>.</summary>
    public static Span<float> Second(int length) => Grow(ref _second, length);

    private static Span<float> Grow(ref float[]? buffer, int length)
    {
        if (buffer is null || buffer.Length < length)
        {
            buffer = new float[Math.Max(length, 64)];
        }
        return buffer.AsSpan(0, length);
    }
}
