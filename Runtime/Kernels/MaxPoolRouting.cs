using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Generated.Kernels;

/// <summary>
/// Max pooling's backward walk: each output gradient goes to the first cell (row-major) of its window equal to the
/// window's maximum. Windows that tile the input without overlap (stride = pool size, the usual 2x2/2) store every
/// cell of their window once (the gradient or zero), so the input gradient needs no clearing pass and no read;
/// overlapping windows add into a cleared gradient. With the ReLU mask the gradient is also multiplied by the ReLU
/// derivative of the pooled cell, which is <c>maximum &gt; 0</c> for a ReLU output (the routed cell equals the maximum).
/// </summary>
internal static class MaxPoolRouting
{
    /// <summary>Overwrites <paramref name="inputGradient"/> with the routed <paramref name="outputGradient"/>, masked by <c>maximum &gt; 0</c> when <paramref name="reluMask"/>.</summary>
    public static void Run(in Pool2DGeometry g, int batch, ReadOnlySpan<float> input, ReadOnlySpan<float> output,
        ReadOnlySpan<float> outputGradient, Span<float> inputGradient, bool reluMask)
    {
        var tiles = Tiles(g);
        if (!tiles)
        {
            inputGradient.Clear();
        }
        ref var source = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(input);
        ref var maximum = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(output);
        ref var gradient = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(outputGradient);
        ref var destination = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(inputGradient);
        nint o = 0;
        for (var n = 0; n < batch; n++)
        for (var oy = 0; oy < g.OutputHeight; oy++)
        for (var ox = 0; ox < g.OutputWidth; ox++, o += g.Channels)
        {
            var window = PoolWindow.Clip(g, n, oy, ox);
            if (tiles)
            {
                Store(ref source, window, g.Channels, ref Unsafe.Add(ref maximum, o), ref Unsafe.Add(ref gradient, o), ref destination, reluMask);
            }
            else
            {
                Add(ref source, window, g.Channels, ref Unsafe.Add(ref maximum, o), ref Unsafe.Add(ref gradient, o), ref destination, reluMask);
            }
        }
    }

    /// <summary>
    /// Whether the clipped windows cover every input cell exactly once: stride equal to the pool size in both axes and
    /// the last window reaching the input's far edge (padding, if any, only shortens edge windows).
    /// </summary>
    private static bool Tiles(in Pool2DGeometry g) =>
        g.StrideHeight == g.PoolHeight && g.StrideWidth == g.PoolWidth
        && g.PadTop < g.PoolHeight && g.PadLeft < g.PoolWidth
        && g.OutputHeight * g.StrideHeight - g.PadTop >= g.InputHeight
        && g.OutputWidth * g.StrideWidth - g.PadLeft >= g.InputWidth;

    /// <summary>Writes every cell of the window: the channel's gradient at the first maximal cell, zero elsewhere.</summary>
    private static void Store(ref float source, PoolWindow w, int channels, ref float maximum, ref float gradient, ref float destination, bool reluMask)
    {
        var c = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; c <= channels - Vector256<float>.Count; c += Vector256<float>.Count)
            {
                var target = Vector256.LoadUnsafe(ref maximum, (nuint)c);
                var share = Vector256.LoadUnsafe(ref gradient, (nuint)c);
                if (reluMask)
                {
                    share &= Vector256.GreaterThan(target, Vector256<float>.Zero);
                }
                var pending = Vector256<float>.AllBitsSet; // lanes whose maximal cell is not found yet
                for (var r = 0; r < w.Rows; r++)
                {
                    var cell = w.First + r * w.RowStride + c;
                    for (var k = 0; k < w.Columns; k++, cell += channels)
                    {
                        var hit = Vector256.Equals(Vector256.LoadUnsafe(ref source, (nuint)cell), target) & pending;
                        (share & hit).StoreUnsafe(ref destination, (nuint)cell);
                        pending = Vector256.AndNot(pending, hit);
                    }
                }
            }
        }
        for (; c < channels; c++)
        {
            var target = Unsafe.Add(ref maximum, c);
            var share = reluMask && !(target > 0f) ? 0f : Unsafe.Add(ref gradient, c);
            var pending = true;
            for (var r = 0; r < w.Rows; r++)
            {
                var cell = w.First + r * w.RowStride + c;
                for (var k = 0; k < w.Columns; k++, cell += channels)
                {
                    var hit = pending && Unsafe.Add(ref source, cell) == target;
                    Unsafe.Add(ref destination, cell) = hit ? share : 0f;
                    pending &= !hit;
                }
            }
        }
    }

    /// <summary>Adds the channel's gradient into the first maximal cell of the window (windows overlap or leave gaps).</summary>
    private static void Add(ref float source, PoolWindow w, int channels, ref float maximum, ref float gradient, ref float destination, bool reluMask)
    {
        var c = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; c <= channels - Vector256<float>.Count; c += Vector256<float>.Count)
            {
                var target = Vector256.LoadUnsafe(ref maximum, (nuint)c);
                var share = Vector256.LoadUnsafe(ref gradient, (nuint)c);
                if (reluMask)
                {
                    share &= Vector256.GreaterThan(target, Vector256<float>.Zero);
                }
                var pending = Vector256<float>.AllBitsSet;
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
        for (; c < channels; c++)
        {
            var target = Unsafe.Add(ref maximum, c);
            var share = reluMask && !(target > 0f) ? 0f : Unsafe.Add(ref gradient, c);
            var found = false;
            for (var r = 0; r < w.Rows && !found; r++)
            {
                var cell = w.First + r * w.RowStride + c;
                for (var k = 0; k < w.Columns; k++, cell += channels)
                {
                    if (Unsafe.Add(ref source, cell) == target)
                    {
                        Unsafe.Add(ref destination, cell) += share;
                        found = true;
                        break;
                    }
                }
            }
        }
    }
}
