using System;
using System.Runtime.CompilerServices;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
#else
using System.Numerics;
#endif
using Generated.Kernels.Simd;

namespace Generated.Kernels.Pooling;

/// <summary>
/// Where each window of a 2x2, stride-2 max pool found its maximum, recorded by the forward pass so that the backward
/// pass can route the pooled gradient without reading the pooled map again: one int per output value, bits 0-1 the
/// cell (0 top-left, 1 top-right, 2 bottom-left, 3 bottom-right: the first cell equal to the maximum in row-major
/// order, the cell <see cref="MaxPool2D.Backward"/> picks), bit 2 set when the maximum is above zero (a ReLU before the
/// pool was active there), and <see cref="None"/> when no cell equals the maximum (a NaN in the window), where the
/// gradient is dropped as <see cref="MaxPool2D.Backward"/> drops it.
/// <para>
/// Training reads a first layer's pooled map (Keras' MNIST convnet: 64 x 26x26x32 floats) long after writing it, and
/// routing its gradient from the map wrote a gradient map as large again, which the kernel gradient then read: three
/// passes over memory that was no longer in cache, about 15% of the step. With the positions the kernel gradient builds
/// each chunk's output-gradient rows from the positions and the pooled gradient, a quarter of the map's size, while they
/// are in cache (<see cref="RouteRows"/>), and the gradient map is never written.
/// </para>
/// </summary>
internal static unsafe class MaxPoolPositions
{
    /// <summary>No cell equals the window's maximum (a NaN in the window): the gradient goes nowhere.</summary>
    public const int None = -1;

    /// <summary>Set when the window's maximum is above zero.</summary>
    public const int Active = 4;

    /// <summary>
    /// The 2x2 stride-2 forward pass over <paramref name="samples"/> samples from <paramref name="firstSample"/> that also
    /// writes each output value's position. The maxima are the bits <see cref="MaxPool2D.Max2x2"/> computes (the same
    /// tree of the same pairs), so Predict and training see the same pooled map.
    /// </summary>
    public static void Record2x2(in Pool2DGeometry g, int firstSample, int samples, float* source, float* destination, int* positions)
    {
        var channels = g.Channels;
        nint pixel = channels;
        nint line = (nint)g.InputWidth * channels;
        nint o = (nint)firstSample * g.OutputHeight * g.OutputWidth * channels;
        for (var n = firstSample; n < firstSample + samples; n++)
        for (var oy = 0; oy < g.OutputHeight; oy++)
        {
            var cell = ((nint)n * g.InputHeight + 2 * oy) * line;
            for (var ox = 0; ox < g.OutputWidth; ox++, o += channels, cell += 2 * pixel)
            {
                var top = source + cell;
                var bottom = top + line;
                var c = Window(top, top + pixel, bottom, bottom + pixel, destination + o, positions + o, channels);
                for (; c < channels; c++)
                {
                    float a = top[c], b = top[c + pixel], d0 = bottom[c], d1 = bottom[c + pixel];
                    var maximum = Math.Max(Math.Max(a, b), Math.Max(d0, d1));
                    destination[o + c] = maximum;
                    positions[o + c] = Position(a, b, d0, d1, maximum);
                }
            }
        }
    }

    /// <summary>The position of <paramref name="maximum"/> among four cells in row-major order, with <see cref="Active"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Position(float a, float b, float c, float d, float maximum)
    {
        var cell = a == maximum ? 0 : b == maximum ? 1 : c == maximum ? 2 : d == maximum ? 3 : None;
        return cell == None ? None : maximum > 0 ? cell | Active : cell;
    }

    /// <summary>One window's channels in whole vectors: maxima and positions; returns the channels done.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Window(float* a, float* b, float* c, float* d, float* maximum, int* position, int channels)
    {
        var i = 0;
#if NET8_0_OR_GREATER
        if (VectorPath.Allows512)
        {
            for (; i <= channels - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                Vector512<float> va = Vector512.Load(a + i), vb = Vector512.Load(b + i), vc = Vector512.Load(c + i), vd = Vector512.Load(d + i);
                var m = Vector512.Max(Vector512.Max(va, vb), Vector512.Max(vc, vd));
                m.Store(maximum + i);
                var p = Vector512.ConditionalSelect(Vector512.Equals(vd, m).AsInt32(), Vector512.Create(3), Vector512.Create(None));
                p = Vector512.ConditionalSelect(Vector512.Equals(vc, m).AsInt32(), Vector512.Create(2), p);
                p = Vector512.ConditionalSelect(Vector512.Equals(vb, m).AsInt32(), Vector512.Create(1), p);
                p = Vector512.ConditionalSelect(Vector512.Equals(va, m).AsInt32(), Vector512<int>.Zero, p);
                (p | (Vector512.GreaterThan(m, Vector512<float>.Zero).AsInt32() & Vector512.Create(Active))).Store(position + i);
            }
        }
        if (VectorPath.Allows256)
        {
            for (; i <= channels - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                Vector256<float> va = Vector256.Load(a + i), vb = Vector256.Load(b + i), vc = Vector256.Load(c + i), vd = Vector256.Load(d + i);
                var m = Vector256.Max(Vector256.Max(va, vb), Vector256.Max(vc, vd));
                m.Store(maximum + i);
                var p = Vector256.ConditionalSelect(Vector256.Equals(vd, m).AsInt32(), Vector256.Create(3), Vector256.Create(None));
                p = Vector256.ConditionalSelect(Vector256.Equals(vc, m).AsInt32(), Vector256.Create(2), p);
                p = Vector256.ConditionalSelect(Vector256.Equals(vb, m).AsInt32(), Vector256.Create(1), p);
                p = Vector256.ConditionalSelect(Vector256.Equals(va, m).AsInt32(), Vector256<int>.Zero, p);
                (p | (Vector256.GreaterThan(m, Vector256<float>.Zero).AsInt32() & Vector256.Create(Active))).Store(position + i);
            }
        }
        if (Vector128.IsHardwareAccelerated)
        {
            for (; i <= channels - Vector128<float>.Count; i += Vector128<float>.Count)
            {
                Vector128<float> va = Vector128.Load(a + i), vb = Vector128.Load(b + i), vc = Vector128.Load(c + i), vd = Vector128.Load(d + i);
                var m = Vector128.Max(Vector128.Max(va, vb), Vector128.Max(vc, vd));
                m.Store(maximum + i);
                var p = Vector128.ConditionalSelect(Vector128.Equals(vd, m).AsInt32(), Vector128.Create(3), Vector128.Create(None));
                p = Vector128.ConditionalSelect(Vector128.Equals(vc, m).AsInt32(), Vector128.Create(2), p);
                p = Vector128.ConditionalSelect(Vector128.Equals(vb, m).AsInt32(), Vector128.Create(1), p);
                p = Vector128.ConditionalSelect(Vector128.Equals(va, m).AsInt32(), Vector128<int>.Zero, p);
                (p | (Vector128.GreaterThan(m, Vector128<float>.Zero).AsInt32() & Vector128.Create(Active))).Store(position + i);
            }
        }
#else
        if (VectorPath.AllowsVector)
        {
            for (; i <= channels - Vector<float>.Count; i += Vector<float>.Count)
            {
                Vector<float> va = Load(a + i), vb = Load(b + i), vc = Load(c + i), vd = Load(d + i);
                var m = Vector.Max(Vector.Max(va, vb), Vector.Max(vc, vd));
                Unsafe.WriteUnaligned(maximum + i, m);
                var p = Vector.ConditionalSelect(Vector.Equals(vd, m), new Vector<int>(3), new Vector<int>(None));
                p = Vector.ConditionalSelect(Vector.Equals(vc, m), new Vector<int>(2), p);
                p = Vector.ConditionalSelect(Vector.Equals(vb, m), new Vector<int>(1), p);
                p = Vector.ConditionalSelect(Vector.Equals(va, m), Vector<int>.Zero, p);
                Unsafe.WriteUnaligned(position + i, p | (Vector.GreaterThan(m, Vector<float>.Zero) & new Vector<int>(Active)));
            }
        }
#endif
        return i;
    }

    /// <summary>
    /// Writes rows <paramref name="m0"/>.. of convolution <paramref name="conv"/>'s output gradient (<paramref name="rows"/>
    /// pixels of <c>OC</c> floats each, pixel-major over the batch) from the max pool after it: the pooled gradient at the
    /// cell its window's position names, zero at the window's other cells and at the cells past the last window.
    /// With <paramref name="reluMask"/> only where the maximum was above zero (the ReLU derivative of the convolution).
    /// These are the values <see cref="MaxPool2D.BackwardThroughRelu"/> (or <see cref="MaxPool2D.Backward"/>) writes there.
    /// </summary>
    public static void RouteRows(in Conv2DGeometry conv, in Pool2DGeometry pool, int* positions, float* pooledGradient, bool reluMask, long m0, int rows, float* target)
    {
        var channels = conv.OutputChannels;
        var pixels = conv.OutputHeight * conv.OutputWidth;
        var sample = m0 / pixels;
        var pixel = (int)(m0 - sample * pixels);
        var oy = pixel / conv.OutputWidth;
        var ox = pixel - oy * conv.OutputWidth;
        for (var i = 0; i < rows; i++)
        {
            var row = target + (long)i * channels;
            int py = oy >> 1, px = ox >> 1;
            if (py >= pool.OutputHeight || px >= pool.OutputWidth)
            {
                new Span<float>(row, channels).Clear();
            }
            else
            {
                var cell = ((oy & 1) << 1) | (ox & 1);
                var source = ((sample * pool.OutputHeight + py) * pool.OutputWidth + px) * channels;
                Route(positions + source, pooledGradient + source, row, channels, reluMask ? cell | Active : cell, reluMask ? -1 : Active - 1);
            }
            if (++ox == conv.OutputWidth)
            {
                ox = 0;
                if (++oy == conv.OutputHeight)
                {
                    oy = 0;
                    sample++;
                }
            }
        }
    }

    /// <summary>
    /// One pixel's channels: the gradient where <c>(position &amp; mask) == want</c>, zero elsewhere. The masks keep bit 2
    /// when the ReLU mask applies and drop it otherwise; <see cref="None"/> (-1) never matches, since <c>want</c> is
    /// below 8 and <c>-1 &amp; 3</c> would read as cell 3, so None is checked by its sign.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Route(int* position, float* gradient, float* target, int channels, int want, int mask)
    {
        var i = 0;
#if NET8_0_OR_GREATER
        if (VectorPath.Allows512)
        {
            for (; i <= channels - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                var p = Vector512.Load(position + i);
                var hit = Vector512.Equals(p & Vector512.Create(mask), Vector512.Create(want)) & Vector512.GreaterThanOrEqual(p, Vector512<int>.Zero);
                (Vector512.Load(gradient + i) & hit.AsSingle()).Store(target + i);
            }
        }
        if (VectorPath.Allows256)
        {
            for (; i <= channels - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var p = Vector256.Load(position + i);
                var hit = Vector256.Equals(p & Vector256.Create(mask), Vector256.Create(want)) & Vector256.GreaterThanOrEqual(p, Vector256<int>.Zero);
                (Vector256.Load(gradient + i) & hit.AsSingle()).Store(target + i);
            }
        }
        if (Vector128.IsHardwareAccelerated)
        {
            for (; i <= channels - Vector128<float>.Count; i += Vector128<float>.Count)
            {
                var p = Vector128.Load(position + i);
                var hit = Vector128.Equals(p & Vector128.Create(mask), Vector128.Create(want)) & Vector128.GreaterThanOrEqual(p, Vector128<int>.Zero);
                (Vector128.Load(gradient + i) & hit.AsSingle()).Store(target + i);
            }
        }
#else
        if (VectorPath.AllowsVector)
        {
            for (; i <= channels - Vector<float>.Count; i += Vector<float>.Count)
            {
                var p = Unsafe.ReadUnaligned<Vector<int>>(position + i);
                var hit = Vector.Equals(p & new Vector<int>(mask), new Vector<int>(want)) & Vector.GreaterThanOrEqual(p, Vector<int>.Zero);
                Unsafe.WriteUnaligned(target + i, VectorMemory.And(hit, Load(gradient + i)));
            }
        }
#endif
        for (; i < channels; i++)
        {
            var p = position[i];
            target[i] = p >= 0 && (p & mask) == want ? gradient[i] : 0f;
        }
    }

#if !NET8_0_OR_GREATER
    private static Vector<float> Load(float* source) => Unsafe.ReadUnaligned<Vector<float>>(source);
#endif
}
