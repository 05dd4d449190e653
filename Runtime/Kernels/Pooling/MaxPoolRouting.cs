using System;
using System.Runtime.CompilerServices;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
#else
using System.Numerics;
#endif
using Generated.Kernels.Simd;
using Generated.Kernels.Threading;

namespace Generated.Kernels.Pooling;

/// <summary>
/// Max pooling's backward walk: each output gradient goes to the first cell (row-major) of its window equal to the
/// window's maximum. Windows that do not overlap (stride = pool size, the usual 2x2/2) store every cell of their window
/// once (the gradient or zero), so the input gradient needs no clearing pass and no read; only the cells past the last
/// window (an odd 11x11 map pooled to 5x5 leaves its last row and column out) are cleared. Overlapping windows add
/// into a cleared gradient. With the ReLU mask the gradient is also multiplied by the ReLU
/// derivative of the pooled cell, which is <c>maximum &gt; 0</c> for a ReLU output (the routed cell equals the maximum).
/// Samples are independent (no window crosses one), so they are the chunks the worker pool shares out; the result
/// does not depend on the thread count.
/// </summary>
internal sealed unsafe class MaxPoolRouting : ParallelWork
{
    [ThreadStatic]
    private static MaxPoolRouting? t_instance;

    private Pool2DGeometry _g;
    private bool _reluMask, _disjoint;
    private float* _input, _output, _outputGradient, _inputGradient;

    /// <summary>Overwrites <paramref name="inputGradient"/> with the routed <paramref name="outputGradient"/>, masked by <c>maximum &gt; 0</c> when <paramref name="reluMask"/>.</summary>
    public static void Run(in Pool2DGeometry g, int batch, ReadOnlySpan<float> input, ReadOnlySpan<float> output,
        ReadOnlySpan<float> outputGradient, Span<float> inputGradient, bool reluMask)
    {
        var work = t_instance ??= new MaxPoolRouting();
        fixed (float* x = input, y = output, dy = outputGradient, dx = inputGradient)
        {
            work._g = g;
            work._reluMask = reluMask;
            work._disjoint = Disjoint(g);
            work._input = x;
            work._output = y;
            work._outputGradient = dy;
            work._inputGradient = dx;
            // About one compare and one store per input float: worth waking helpers only for large batches of big maps.
            WorkerPool.Run(work, batch, Parallelism.Slots(batch, (long)batch * g.InputSize));
            work._input = work._output = work._outputGradient = work._inputGradient = null;
        }
    }

    /// <summary>Routes sample <paramref name="chunk"/>.</summary>
    public override void Execute(int chunk, int slot)
    {
        var g = _g;
        var first = (long)chunk * g.InputSize;
        if (_disjoint)
        {
            ClearUncovered(g, new Span<float>(_inputGradient + first, g.InputSize));
        }
        else
        {
            new Span<float>(_inputGradient + first, g.InputSize).Clear();
        }
        ref var source = ref *_input;
        ref var destination = ref *_inputGradient;
        nint o = (nint)chunk * g.OutputHeight * g.OutputWidth * g.Channels;
        for (var oy = 0; oy < g.OutputHeight; oy++)
        for (var ox = 0; ox < g.OutputWidth; ox++, o += g.Channels)
        {
            var window = PoolWindow.Clip(g, chunk, oy, ox);
            if (_disjoint)
            {
                Store(ref source, window, g.Channels, ref *(_output + o), ref *(_outputGradient + o), ref destination, _reluMask);
            }
            else
            {
                Add(ref source, window, g.Channels, ref *(_output + o), ref *(_outputGradient + o), ref destination, _reluMask);
            }
        }
    }

    /// <summary>
    /// Whether the clipped windows cover no input cell twice: stride equal to the pool size in both axes and padding
    /// smaller than a window (padding, if any, only shortens edge windows). Cells past the last window are covered by none.
    /// </summary>
    private static bool Disjoint(in Pool2DGeometry g) =>
        g.StrideHeight == g.PoolHeight && g.StrideWidth == g.PoolWidth
        && g.PadTop < g.PoolHeight && g.PadLeft < g.PoolWidth;

    /// <summary>Zeroes the cells of one sample's gradient that no window covers: the rows below the last window and the columns right of it.</summary>
    private static void ClearUncovered(in Pool2DGeometry g, Span<float> sample)
    {
        var coveredRows = Math.Min(g.OutputHeight * g.StrideHeight - g.PadTop, g.InputHeight);
        var coveredColumns = Math.Min(g.OutputWidth * g.StrideWidth - g.PadLeft, g.InputWidth);
        var line = g.InputWidth * g.Channels;
        if (coveredColumns < g.InputWidth)
        {
            var tail = (g.InputWidth - coveredColumns) * g.Channels;
            for (var y = 0; y < coveredRows; y++)
            {
                sample.Slice(y * line + coveredColumns * g.Channels, tail).Clear();
            }
        }
        sample.Slice(coveredRows * line).Clear();
    }

    /// <summary>Writes every cell of the window: the channel's gradient at the first maximal cell, zero elsewhere.</summary>
    private static void Store(ref float source, PoolWindow w, int channels, ref float maximum, ref float gradient, ref float destination, bool reluMask)
    {
        var c = 0;
#if NET8_0_OR_GREATER
        if (VectorPath.Allows512)
        {
            for (; c <= channels - Vector512<float>.Count; c += Vector512<float>.Count)
            {
                var target = Vector512.LoadUnsafe(ref maximum, (nuint)c);
                var share = Vector512.LoadUnsafe(ref gradient, (nuint)c);
                if (reluMask)
                {
                    share &= Vector512.GreaterThan(target, Vector512<float>.Zero);
                }
                var pending = Vector512<float>.AllBitsSet; // lanes whose maximal cell is not found yet
                for (var r = 0; r < w.Rows; r++)
                {
                    var cell = w.First + r * w.RowStride + c;
                    for (var k = 0; k < w.Columns; k++, cell += channels)
                    {
                        var hit = Vector512.Equals(Vector512.LoadUnsafe(ref source, (nuint)cell), target) & pending;
                        (share & hit).StoreUnsafe(ref destination, (nuint)cell);
                        pending = Vector512.AndNot(pending, hit);
                    }
                }
            }
        }
        if (VectorPath.Allows256)
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
        // The 128-bit path (ARM64, WebAssembly, or forced): every channel; after the wider loops, a 4-7 channel tail.
        if (Vector128.IsHardwareAccelerated)
        {
            for (; c <= channels - Vector128<float>.Count; c += Vector128<float>.Count)
            {
                var target = Vector128.LoadUnsafe(ref maximum, (nuint)c);
                var share = Vector128.LoadUnsafe(ref gradient, (nuint)c);
                if (reluMask)
                {
                    share &= Vector128.GreaterThan(target, Vector128<float>.Zero);
                }
                var pending = Vector128<float>.AllBitsSet;
                for (var r = 0; r < w.Rows; r++)
                {
                    var cell = w.First + r * w.RowStride + c;
                    for (var k = 0; k < w.Columns; k++, cell += channels)
                    {
                        var hit = Vector128.Equals(Vector128.LoadUnsafe(ref source, (nuint)cell), target) & pending;
                        (share & hit).StoreUnsafe(ref destination, (nuint)cell);
                        pending = Vector128.AndNot(pending, hit);
                    }
                }
            }
        }
#else
        if (VectorPath.AllowsVector)
        {
            for (; c <= channels - Vector<float>.Count; c += Vector<float>.Count)
            {
                var target = VectorMemory.Load(ref maximum, c);
                var share = VectorMemory.Load(ref gradient, c);
                if (reluMask)
                {
                    share = VectorMemory.And(Vector.GreaterThan(target, Vector<float>.Zero), share);
                }
                var pending = new Vector<int>(-1);
                for (var r = 0; r < w.Rows; r++)
                {
                    var cell = w.First + r * w.RowStride + c;
                    for (var k = 0; k < w.Columns; k++, cell += channels)
                    {
                        var hit = Vector.Equals(VectorMemory.Load(ref source, cell), target) & pending;
                        VectorMemory.Store(VectorMemory.And(hit, share), ref destination, cell);
                        pending = Vector.AndNot(pending, hit);
                    }
                }
            }
        }
#endif
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
#if NET8_0_OR_GREATER
        if (VectorPath.Allows256)
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
        // The 128-bit path (ARM64, WebAssembly, or forced): every channel; after the 256-bit loop, a 4-7 channel tail.
        if (Vector128.IsHardwareAccelerated)
        {
            for (; c <= channels - Vector128<float>.Count; c += Vector128<float>.Count)
            {
                var target = Vector128.LoadUnsafe(ref maximum, (nuint)c);
                var share = Vector128.LoadUnsafe(ref gradient, (nuint)c);
                if (reluMask)
                {
                    share &= Vector128.GreaterThan(target, Vector128<float>.Zero);
                }
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
        }
#else
        if (VectorPath.AllowsVector)
        {
            for (; c <= channels - Vector<float>.Count; c += Vector<float>.Count)
            {
                var target = VectorMemory.Load(ref maximum, c);
                var share = VectorMemory.Load(ref gradient, c);
                if (reluMask)
                {
                    share = VectorMemory.And(Vector.GreaterThan(target, Vector<float>.Zero), share);
                }
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
        }
#endif
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
