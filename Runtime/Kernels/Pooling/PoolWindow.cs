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
/// A pooling window clipped to the input: <see cref="Rows"/> x <see cref="Columns"/> cells of
/// <c>channels</c> floats, the first at <see cref="First"/>, rows <see cref="RowStride"/> floats apart
/// and cells <c>channels</c> floats apart.
/// </summary>
internal readonly record struct PoolWindow(nint First, nint RowStride, int Rows, int Columns)
{
    /// <summary>The window of output pixel (<paramref name="oy"/>, <paramref name="ox"/>) of sample <paramref name="n"/>, without its padding.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PoolWindow Clip(in Pool2DGeometry g, int n, int oy, int ox)
    {
        var top = oy * g.StrideHeight - g.PadTop;
        var left = ox * g.StrideWidth - g.PadLeft;
        var y0 = Math.Max(top, 0);
        var x0 = Math.Max(left, 0);
        var rows = Math.Min(top + g.PoolHeight, g.InputHeight) - y0;
        var columns = Math.Min(left + g.PoolWidth, g.InputWidth) - x0;
        return new PoolWindow((((nint)n * g.InputHeight + y0) * g.InputWidth + x0) * g.Channels, (nint)g.InputWidth * g.Channels, rows, columns);
    }

    /// <summary>All pixels of sample <paramref name="n"/> as one row (global pooling).</summary>
    public static PoolWindow Pixels(int n, int pixels, int channels) => new((nint)n * pixels * channels, 0, 1, pixels);

    /// <summary>Writes the channel-wise maximum of the window's cells to <paramref name="destination"/>.</summary>
    public static void Max(ref float source, PoolWindow w, int channels, ref float destination)
    {
        var c = 0;
#if NET8_0_OR_GREATER
        if (VectorPath.Allows256)
        {
            for (; c <= channels - Vector256<float>.Count; c += Vector256<float>.Count)
            {
                var best = Vector256.LoadUnsafe(ref source, (nuint)(w.First + c));
                for (var r = 0; r < w.Rows; r++)
                {
                    var cell = w.First + r * w.RowStride + c;
                    for (var k = 0; k < w.Columns; k++, cell += channels)
                    {
                        best = Vector256.Max(best, Vector256.LoadUnsafe(ref source, (nuint)cell));
                    }
                }
                best.StoreUnsafe(ref destination, (nuint)c);
            }
        }
        // Every channel on the 128-bit path (ARM64, WebAssembly); after the 256-bit loop, 4-7 channels left (a 4-channel
        // map has nothing else): one 128-bit pass instead of four scalar walks of the window.
        for (; Vector128.IsHardwareAccelerated && c <= channels - Vector128<float>.Count; c += Vector128<float>.Count)
        {
            var best = Vector128.LoadUnsafe(ref source, (nuint)(w.First + c));
            for (var r = 0; r < w.Rows; r++)
            {
                var cell = w.First + r * w.RowStride + c;
                for (var k = 0; k < w.Columns; k++, cell += channels)
                {
                    best = Vector128.Max(best, Vector128.LoadUnsafe(ref source, (nuint)cell));
                }
            }
            best.StoreUnsafe(ref destination, (nuint)c);
        }
#else
        for (; VectorPath.AllowsVector && c <= channels - Vector<float>.Count; c += Vector<float>.Count)
        {
            var best = VectorMemory.Load(ref source, w.First + c);
            for (var r = 0; r < w.Rows; r++)
            {
                var cell = w.First + r * w.RowStride + c;
                for (var k = 0; k < w.Columns; k++, cell += channels)
                {
                    best = Vector.Max(best, VectorMemory.Load(ref source, cell));
                }
            }
            VectorMemory.Store(best, ref destination, c);
        }
#endif
        for (; c < channels; c++)
        {
            var best = Unsafe.Add(ref source, w.First + c);
            for (var r = 0; r < w.Rows; r++)
            {
                var cell = w.First + r * w.RowStride + c;
                for (var k = 0; k < w.Columns; k++, cell += channels)
                {
                    best = MathF.Max(best, Unsafe.Add(ref source, cell));
                }
            }
            Unsafe.Add(ref destination, c) = best;
        }
    }

    /// <summary>Writes <paramref name="scale"/> times the channel-wise sum of the window's cells to <paramref name="destination"/>.</summary>
    public static void Sum(ref float source, PoolWindow w, int channels, float scale, ref float destination)
    {
        var c = 0;
#if NET8_0_OR_GREATER
        if (VectorPath.Allows256)
        {
            for (; c <= channels - Vector256<float>.Count; c += Vector256<float>.Count)
            {
                var sum = Vector256<float>.Zero;
                for (var r = 0; r < w.Rows; r++)
                {
                    var cell = w.First + r * w.RowStride + c;
                    for (var k = 0; k < w.Columns; k++, cell += channels)
                    {
                        sum += Vector256.LoadUnsafe(ref source, (nuint)cell);
                    }
                }
                (sum * scale).StoreUnsafe(ref destination, (nuint)c);
            }
        }
        for (; Vector128.IsHardwareAccelerated && c <= channels - Vector128<float>.Count; c += Vector128<float>.Count)
        {
            var sum = Vector128<float>.Zero;
            for (var r = 0; r < w.Rows; r++)
            {
                var cell = w.First + r * w.RowStride + c;
                for (var k = 0; k < w.Columns; k++, cell += channels)
                {
                    sum += Vector128.LoadUnsafe(ref source, (nuint)cell);
                }
            }
            (sum * scale).StoreUnsafe(ref destination, (nuint)c);
        }
#else
        for (; VectorPath.AllowsVector && c <= channels - Vector<float>.Count; c += Vector<float>.Count)
        {
            var sum = Vector<float>.Zero;
            for (var r = 0; r < w.Rows; r++)
            {
                var cell = w.First + r * w.RowStride + c;
                for (var k = 0; k < w.Columns; k++, cell += channels)
                {
                    sum += VectorMemory.Load(ref source, cell);
                }
            }
            VectorMemory.Store((sum * scale), ref destination, c);
        }
#endif
        for (; c < channels; c++)
        {
            var sum = 0f;
            for (var r = 0; r < w.Rows; r++)
            {
                var cell = w.First + r * w.RowStride + c;
                for (var k = 0; k < w.Columns; k++, cell += channels)
                {
                    sum += Unsafe.Add(ref source, cell);
                }
            }
            Unsafe.Add(ref destination, c) = sum * scale;
        }
    }

    /// <summary>Adds <paramref name="scale"/> times the gradient to every cell of the window in <paramref name="destination"/>.</summary>
    public static void Spread(ref float gradient, float scale, PoolWindow w, int channels, ref float destination)
    {
        var c = 0;
#if NET8_0_OR_GREATER
        if (VectorPath.Allows256)
        {
            for (; c <= channels - Vector256<float>.Count; c += Vector256<float>.Count)
            {
                var share = Vector256.LoadUnsafe(ref gradient, (nuint)c) * scale;
                for (var r = 0; r < w.Rows; r++)
                {
                    var cell = w.First + r * w.RowStride + c;
                    for (var k = 0; k < w.Columns; k++, cell += channels)
                    {
                        (Vector256.LoadUnsafe(ref destination, (nuint)cell) + share).StoreUnsafe(ref destination, (nuint)cell);
                    }
                }
            }
        }
        for (; Vector128.IsHardwareAccelerated && c <= channels - Vector128<float>.Count; c += Vector128<float>.Count)
        {
            var share = Vector128.LoadUnsafe(ref gradient, (nuint)c) * scale;
            for (var r = 0; r < w.Rows; r++)
            {
                var cell = w.First + r * w.RowStride + c;
                for (var k = 0; k < w.Columns; k++, cell += channels)
                {
                    (Vector128.LoadUnsafe(ref destination, (nuint)cell) + share).StoreUnsafe(ref destination, (nuint)cell);
                }
            }
        }
#else
        for (; VectorPath.AllowsVector && c <= channels - Vector<float>.Count; c += Vector<float>.Count)
        {
            var share = VectorMemory.Load(ref gradient, c) * scale;
            for (var r = 0; r < w.Rows; r++)
            {
                var cell = w.First + r * w.RowStride + c;
                for (var k = 0; k < w.Columns; k++, cell += channels)
                {
                    VectorMemory.Store((VectorMemory.Load(ref destination, cell) + share), ref destination, cell);
                }
            }
        }
#endif
        for (; c < channels; c++)
        {
            var share = Unsafe.Add(ref gradient, c) * scale;
            for (var r = 0; r < w.Rows; r++)
            {
                var cell = w.First + r * w.RowStride + c;
                for (var k = 0; k < w.Columns; k++, cell += channels)
                {
                    Unsafe.Add(ref destination, cell) += share;
                }
            }
        }
    }

    /// <summary>Adds each channel's gradient to the first cell of the window (row-major) that equals that channel's maximum.</summary>
    public static void RouteToFirstMaximum(ref float source, PoolWindow w, int channels, ref float maximum, ref float gradient, ref float destination)
    {
        var c = 0;
#if NET8_0_OR_GREATER
        if (VectorPath.Allows256)
        {
            for (; c <= channels - Vector256<float>.Count; c += Vector256<float>.Count)
            {
                var target = Vector256.LoadUnsafe(ref maximum, (nuint)c);
                var share = Vector256.LoadUnsafe(ref gradient, (nuint)c);
                var pending = Vector256<float>.AllBitsSet; // lanes whose maximal cell is not found yet
                for (var r = 0; r < w.Rows; r++)
                {
                    var cell = w.First + r * w.RowStride + c;
                    for (var k = 0; k < w.Columns; k++, cell += channels)
                    {
                        var hit = Vector256.Equals(Vector256.LoadUnsafe(ref source, (nuint)cell), target) & pending;
                        (Vector256.LoadUnsafe(ref destination, (nuint)cell) + (share & hit)).StoreUnsafe(ref destination, (nuint)cell);
                        pending = Vector256.AndNot(pending, hit);
                    }
                }
            }
        }
        for (; Vector128.IsHardwareAccelerated && c <= channels - Vector128<float>.Count; c += Vector128<float>.Count)
        {
            var target = Vector128.LoadUnsafe(ref maximum, (nuint)c);
            var share = Vector128.LoadUnsafe(ref gradient, (nuint)c);
            var pending = Vector128<float>.AllBitsSet;
            for (var r = 0; r < w.Rows; r++)
            {
                var cell = w.First + r * w.RowStride + c;
                for (var k = 0; k < w.Columns; k++, cell += channels)
                {
                    var hit = Vector128.Equals(Vector128.LoadUnsafe(ref source, (nuint)cell), target) & pending;
                    (Vector128.LoadUnsafe(ref destination, (nuint)cell) + (share & hit)).StoreUnsafe(ref destination, (nuint)cell);
                    pending = Vector128.AndNot(pending, hit);
                }
            }
        }
#else
        for (; VectorPath.AllowsVector && c <= channels - Vector<float>.Count; c += Vector<float>.Count)
        {
            var target = VectorMemory.Load(ref maximum, c);
            var share = VectorMemory.Load(ref gradient, c);
            var pending = new Vector<int>(-1);
            for (var r = 0; r < w.Rows; r++)
            {
                var cell = w.First + r * w.RowStride + c;
                for (var k = 0; k < w.Columns; k++, cell += channels)
                {
                    var hit = Vector.Equals(VectorMemory.Load(ref source, cell), target) & pending;
                    VectorMemory.Store((VectorMemory.Load(ref destination, cell) + VectorMemory.And(hit, share)), ref destination, cell);
                    pending = Vector.AndNot(pending, hit);
                }
            }
        }
#endif
        for (; c < channels; c++)
        {
            AddToFirstMatch(ref source, w, channels, c, Unsafe.Add(ref maximum, c), Unsafe.Add(ref gradient, c), ref destination);
        }
    }

    private static void AddToFirstMatch(ref float source, PoolWindow w, int channels, int c, float target, float gradient, ref float destination)
    {
        for (var r = 0; r < w.Rows; r++)
        {
            var cell = w.First + r * w.RowStride + c;
            for (var k = 0; k < w.Columns; k++, cell += channels)
            {
                if (Unsafe.Add(ref source, cell) == target)
                {
                    Unsafe.Add(ref destination, cell) += gradient;
                    return;
                }
            }
        }
    }
}
