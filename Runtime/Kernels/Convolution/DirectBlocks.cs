using System;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
#else
using System.Numerics;
#endif
using Generated.Kernels.Gemm;
using Generated.Kernels.Simd;
using Generated.Kernels.Threading;

namespace Generated.Kernels.Convolution;

/// <summary>
/// Direct convolution for small maps at small batches (the batch-1 plan of generated Predict): output channels along
/// the vector lanes, a block of output pixels times up to 4 vectors of channels held in registers for the whole
/// reduction (<see cref="DirectTiles"/>), each tap's input value broadcast straight from the input, so there is no
/// im2col, no packing of the input and no per-call packing of the kernel. The kernel is packed once per weight change
/// (<see cref="Pack"/>) into blocks of <see cref="BlockFor"/> output channels, <c>[block][tap][channel]</c>, a layout
/// that does not depend on the vector width (every width's lane count divides a block), so a later change of
/// <see cref="KernelOptions.VectorWidth"/> needs no re-packing. With a following 2x2 max pool the store takes the pool
/// (<see cref="DirectTiles"/>' TP), so the convolution's own map is never written and the pooled one is written once;
/// conv outputs the pool drops (the last row or column of an odd map) are not computed.
/// </summary>
internal sealed unsafe class DirectBlocks : ParallelWork
{
    /// <summary>Most output channels per packed block (4 vectors of 16 lanes).</summary>
    public const int MaxBlockWidth = 64;

    /// <summary>Most vectors of channels one tile holds.</summary>
    private const int MaxVectors = 4;

    /// <summary>
    /// Most channels one tile holds, whatever the vector width: 4 vectors at 128 and 256 bits, 2 at 512. A tile streams
    /// its sub-block's weights (K x its channels) once for its whole reduction, and on VGG-sized layers (K = 576 or 1152)
    /// those do not fit the L1 cache, so a tile of 4 x 16 channels over 2x2 pixels read 256 bytes from L2 per 16
    /// multiply-adds. Half the channels over twice the pixels (2x4) reads half as many: M5's conv2d_3 at batch 1
    /// 441-567 -> 378-380 us, conv2d_1 372-384 -> 359-366 us (one thread, CPU time, interleaved runs).
    /// </summary>
    private const int MaxTileChannels = 32;

    [ThreadStatic]
    private static DirectBlocks? t_instance;

    private Conv2DGeometry _g;
    private bool _pooled, _relu;
    private int _k, _blockWidth, _lanes, _vectors, _subBlocks, _chunksPerSample;
    private int _tileRows, _tileColumns, _bands, _columnTiles, _rows, _columns;
    private int _paddedWidth;
    private float* _input, _packed, _bias, _output;
    private int[] _offsets = [];

    /// <summary>Packed channels per block for <paramref name="outputChannels"/> channels: whole groups of 16, at most <see cref="MaxBlockWidth"/>.</summary>
    public static int BlockFor(int outputChannels) => Math.Min(MaxBlockWidth, (outputChannels + 15) / 16 * 16);

    /// <summary>Blocks of <see cref="BlockFor"/> channels covering <paramref name="outputChannels"/>.</summary>
    public static int Blocks(int outputChannels) => (outputChannels + BlockFor(outputChannels) - 1) / BlockFor(outputChannels);

    /// <summary>Floats <see cref="Pack"/> writes for the kernel.</summary>
    public static long PackedLength(in Conv2DGeometry g) =>
        (long)Blocks(g.OutputChannels) * BlockFor(g.OutputChannels) * g.KernelHeight * g.KernelWidth * g.InputChannels;

    /// <summary>Floats <see cref="Pack"/> writes for the bias.</summary>
    public static int PaddedBiasLength(in Conv2DGeometry g) => Blocks(g.OutputChannels) * BlockFor(g.OutputChannels);

    /// <summary>Packs the HWIO kernel (K x OC) into zero-padded blocks of <see cref="BlockFor"/> channels, and pads the bias (unless null).</summary>
    public static void Pack(in Conv2DGeometry g, float* kernel, float* bias, float* packed, float* paddedBias)
    {
        var k = g.KernelHeight * g.KernelWidth * g.InputChannels;
        var oc = g.OutputChannels;
        var width = BlockFor(oc);
        var blocks = Blocks(oc);
        for (var b = 0; b < blocks; b++)
        {
            var first = b * width;
            var count = Math.Min(width, oc - first);
            for (var p = 0; p < k; p++)
            {
                var target = packed + ((long)b * k + p) * width;
                new ReadOnlySpan<float>(kernel + (long)p * oc + first, count).CopyTo(new Span<float>(target, count));
                new Span<float>(target + count, width - count).Clear();
            }
        }
        if (bias != null)
        {
            new ReadOnlySpan<float>(bias, oc).CopyTo(new Span<float>(paddedBias, oc));
            new Span<float>(paddedBias + oc, blocks * width - oc).Clear();
        }
    }

    /// <summary>
    /// <c>output = activation(conv(input, kernel) + bias)</c>, or with <paramref name="pooled"/> its 2x2 stride-2 max pool
    /// (floor: an odd last row or column is dropped), for a kernel <see cref="Pack"/>ed into <paramref name="packed"/>;
    /// bias may be null. Only Linear and ReLU are applied in registers; other activations run over the finished output
    /// (the caller checks that a pooled one is non-decreasing, so it commutes with the maximum). With
    /// <paramref name="split"/> a sample's bands of rows are shared among the worker pool's threads.
    /// </summary>
    public static void Run(in Conv2DGeometry g, bool pooled, int batch, float* input, float* packed, float* paddedBias, Activation activation, float* output, bool split)
    {
        var work = t_instance ??= new DirectBlocks();
        work.Prepare(g, pooled, packed, paddedBias, activation);
        var outputSize = (long)work._rows * work._columns * g.OutputChannels;
        var inputSize = (long)g.InputSize;
        var needsPadding = work.NeedsPadding(out var paddedHeight);
        var padded = needsPadding ? Scratch.Get(ScratchBuffer.Planar, (long)paddedHeight * work._paddedWidth * g.InputChannels) : null;
        var chunks = work._chunksPerSample;
        var multiplyAdds = (long)work._rows * work._columns * (pooled ? 4 : 1) * work._k * g.OutputChannels;
        var slots = split ? Parallelism.Slots(chunks, multiplyAdds) : 1;
        for (var n = 0; n < batch; n++)
        {
            var sample = input + n * inputSize;
            if (needsPadding)
            {
                work.CopyPadded(sample, padded, paddedHeight);
                sample = padded;
            }
            work._input = sample;
            work._output = output + n * outputSize;
            WorkerPool.Run(work, chunks, slots);
            if (activation is not (Activation.Linear or Activation.Relu))
            {
                FusedActivation.Apply(activation, g.OutputChannels, new Span<float>(work._output, (int)outputSize));
            }
        }
        work._input = work._packed = work._bias = work._output = null;
    }

    /// <summary>Fixes the tile shape, the bands and the tap offsets for one call.</summary>
    private void Prepare(in Conv2DGeometry g, bool pooled, float* packed, float* paddedBias, Activation activation)
    {
        _g = g;
        _pooled = pooled;
        _relu = activation == Activation.Relu;
        _packed = packed;
        _bias = paddedBias;
        _k = g.KernelHeight * g.KernelWidth * g.InputChannels;
        _blockWidth = BlockFor(g.OutputChannels);
        _lanes = Lanes();
        // The most vectors (up to 4, at most MaxTileChannels) that divide the block, so its sub-blocks tile it exactly
        // (48 channels at 8 lanes: 2 x 3).
        var perBlock = _blockWidth / _lanes;
        _vectors = Math.Max(1, Math.Min(MaxVectors, MaxTileChannels / _lanes));
        while (perBlock % _vectors != 0)
        {
            _vectors--;
        }
        _subBlocks = _blockWidth / (_vectors * _lanes) * Blocks(g.OutputChannels);
        // 16 accumulators: 4 vectors x 1x4 (plain) or 2x2 (one pooling window) pixels, 2 vectors x 2x4, 1 vector x 4x4
        // (3 vectors: 12, in the 4-vector shapes).
        int tileRows = _vectors >= 3 ? (pooled ? 2 : 1) : _vectors == 2 ? 2 : 4;
        int tileColumns = _vectors >= 3 && pooled ? 2 : 4;
        // The map the tiles cover: the pooled map (each of its pixels a 2x2 group of conv pixels) or the conv map.
        _rows = pooled ? g.OutputHeight / 2 : g.OutputHeight;
        _columns = pooled ? g.OutputWidth / 2 : g.OutputWidth;
        var step = pooled ? 2 : 1;
        _tileRows = Math.Min(tileRows / step, _rows);
        _tileColumns = Math.Min(tileColumns / step, _columns);
        _bands = (_rows + _tileRows - 1) / _tileRows;
        _columnTiles = (_columns + _tileColumns - 1) / _tileColumns;
        _chunksPerSample = _bands * _subBlocks;
        _paddedWidth = Math.Max(g.InputWidth + g.PadLeft, (g.OutputWidth - 1) * g.StrideWidth + (g.KernelWidth - 1) * g.DilationWidth + 1);
        if (_offsets.Length < _k)
        {
            _offsets = GC.AllocateArray<int>(Math.Max(_k, 256), pinned: true);
        }
        // Tap (ky, kx, ic) relative to its window's top-left input value, in the kernel's (HWIO) order.
        var p = 0;
        for (var ky = 0; ky < g.KernelHeight; ky++)
        {
            for (var kx = 0; kx < g.KernelWidth; kx++)
            {
                for (var ic = 0; ic < g.InputChannels; ic++)
                {
                    _offsets[p++] = (ky * g.DilationHeight * _paddedWidth + kx * g.DilationWidth) * g.InputChannels + ic;
                }
            }
        }
    }

    /// <summary>Lanes of the vectors a call starting now uses (4, 8 or 16; the portable build's <c>Vector&lt;float&gt;</c> width).</summary>
    private static int Lanes()
    {
#if NET8_0_OR_GREATER
        return VectorPath.Bits switch
        {
            512 => Vector512<float>.Count,
            256 => Vector256<float>.Count,
            _ => Vector128<float>.Count,
        };
#else
        return Vector<float>.Count;
#endif
    }

    /// <summary>Whether some window reads outside the input (Same padding), so the sample is first copied into a zeroed frame.</summary>
    private bool NeedsPadding(out int paddedHeight)
    {
        var g = _g;
        paddedHeight = Math.Max(g.InputHeight + g.PadTop, (g.OutputHeight - 1) * g.StrideHeight + (g.KernelHeight - 1) * g.DilationHeight + 1);
        return g.PadTop > 0 || g.PadLeft > 0 || paddedHeight > g.InputHeight || _paddedWidth > g.InputWidth;
    }

    /// <summary>
    /// Copies one sample into a frame of <paramref name="paddedHeight"/> x <see cref="_paddedWidth"/> pixels at (PadTop,
    /// PadLeft), zero around it. Only the border is cleared: the frame is rewritten for every sample, and clearing it whole
    /// first wrote every interior float twice.
    /// </summary>
    private void CopyPadded(float* sample, float* padded, int paddedHeight)
    {
        var g = _g;
        var ic = g.InputChannels;
        var frameRow = _paddedWidth * ic;
        var rowLength = g.InputWidth * ic;
        var left = g.PadLeft * ic;
        var right = frameRow - left - rowLength;
        new Span<float>(padded, g.PadTop * frameRow).Clear();
        for (var y = 0; y < g.InputHeight; y++)
        {
            var row = padded + (long)(y + g.PadTop) * frameRow;
            new Span<float>(row, left).Clear();
            new ReadOnlySpan<float>(sample + (long)y * rowLength, rowLength).CopyTo(new Span<float>(row + left, rowLength));
            new Span<float>(row + left + rowLength, right).Clear();
        }
        var below = g.PadTop + g.InputHeight;
        new Span<float>(padded + (long)below * frameRow, (paddedHeight - below) * frameRow).Clear();
    }

    /// <inheritdoc/>
    public override void Execute(int chunk, int slot)
    {
        var band = chunk / _subBlocks;
        var sub = chunk - band * _subBlocks;
#if NET8_0_OR_GREATER
        switch (_lanes)
        {
            case 16:
                Band<Lanes512, Vector512<float>>(band, sub);
                break;
            case 8:
                Band<Lanes256, Vector256<float>>(band, sub);
                break;
            default:
                Band<Lanes128, Vector128<float>>(band, sub);
                break;
        }
#else
        Band<LanesVector, Vector<float>>(band, sub);
#endif
    }

    /// <summary>One band of tile rows for one sub-block of <see cref="_vectors"/> vectors of channels.</summary>
    private void Band<TL, TV>(int band, int sub)
        where TL : struct, ILanes<TV>
        where TV : struct
    {
        switch (_vectors)
        {
            case 4:
                Band<TL, TV, Four>(band, sub);
                break;
            case 3:
                Band<TL, TV, Three>(band, sub);
                break;
            case 2:
                Band<TL, TV, Two>(band, sub);
                break;
            default:
                Band<TL, TV, One>(band, sub);
                break;
        }
    }

    private void Band<TL, TV, TN>(int band, int sub)
        where TL : struct, ILanes<TV>
        where TV : struct
        where TN : struct, IConstant
    {
        if (_pooled)
        {
            Band<TL, TV, TN, Two>(band, sub);
        }
        else
        {
            Band<TL, TV, TN, One>(band, sub);
        }
    }

    private void Band<TL, TV, TN, TP>(int band, int sub)
        where TL : struct, ILanes<TV>
        where TV : struct
        where TN : struct, IConstant
        where TP : struct, IConstant
    {
        var g = _g;
        var step = default(TP).Value;
        var oc = g.OutputChannels;
        var firstChannel = sub * _vectors * _lanes;
        var channels = Math.Min(_vectors * _lanes, oc - firstChannel);
        if (channels <= 0)
        {
            return;
        }
        var spill = stackalloc float[MaxBlockWidth];
        // Packed rows of this sub-block: its block's rows, offset to the sub-block's first channel.
        var block = firstChannel / _blockWidth;
        var weights = _packed + (long)block * _k * _blockWidth + (firstChannel - block * _blockWidth);
        var bias = _bias == null ? null : _bias + firstChannel;
        // The last band and the last column tile move back to end at the map's edge: they recompute (and rewrite with the
        // same values) a few pixels instead of needing narrower tiles.
        var row0 = Math.Min(band * _tileRows, _rows - _tileRows);
        var inputRowStride = g.StrideHeight * _paddedWidth * g.InputChannels;
        var inputColumnStride = g.StrideWidth * g.InputChannels;
        var outputRowStride = _columns * oc;
        for (var t = 0; t < _columnTiles; t++)
        {
            var column0 = Math.Min(t * _tileColumns, _columns - _tileColumns);
            var x = _input + (long)row0 * step * inputRowStride + (long)column0 * step * inputColumnStride;
            var y = _output + (long)row0 * outputRowStride + (long)column0 * oc + firstChannel;
            Shape<TL, TV, TN, TP>(_tileRows * step, _tileColumns * step, x, inputRowStride, inputColumnStride, weights, bias, y, outputRowStride, oc, channels, spill);
        }
    }

    /// <summary>Calls the tile of <paramref name="rows"/> x <paramref name="columns"/> pixels (each 1-4).</summary>
    private void Shape<TL, TV, TN, TP>(int rows, int columns, float* x, int rowStride, int columnStride, float* w, float* bias, float* y, int yRowStride, int yColumnStride, int channels, float* spill)
        where TL : struct, ILanes<TV>
        where TV : struct
        where TN : struct, IConstant
        where TP : struct, IConstant
    {
        switch (rows)
        {
            case 1:
                Shape<TL, TV, One, TN, TP>(columns, x, rowStride, columnStride, w, bias, y, yRowStride, yColumnStride, channels, spill);
                break;
            case 2:
                Shape<TL, TV, Two, TN, TP>(columns, x, rowStride, columnStride, w, bias, y, yRowStride, yColumnStride, channels, spill);
                break;
            case 3:
                Shape<TL, TV, Three, TN, TP>(columns, x, rowStride, columnStride, w, bias, y, yRowStride, yColumnStride, channels, spill);
                break;
            default:
                Shape<TL, TV, Four, TN, TP>(columns, x, rowStride, columnStride, w, bias, y, yRowStride, yColumnStride, channels, spill);
                break;
        }
    }

    private void Shape<TL, TV, TR, TN, TP>(int columns, float* x, int rowStride, int columnStride, float* w, float* bias, float* y, int yRowStride, int yColumnStride, int channels, float* spill)
        where TL : struct, ILanes<TV>
        where TV : struct
        where TR : struct, IConstant
        where TN : struct, IConstant
        where TP : struct, IConstant
    {
        fixed (int* offsets = _offsets)
        {
            switch (columns)
            {
                case 1:
                    DirectTiles.Tile<TL, TV, TR, One, TN, TP>(_k, offsets, x, rowStride, columnStride, w, _blockWidth, bias, _relu, y, yRowStride, yColumnStride, channels, spill);
                    break;
                case 2:
                    DirectTiles.Tile<TL, TV, TR, Two, TN, TP>(_k, offsets, x, rowStride, columnStride, w, _blockWidth, bias, _relu, y, yRowStride, yColumnStride, channels, spill);
                    break;
                case 3:
                    DirectTiles.Tile<TL, TV, TR, Three, TN, TP>(_k, offsets, x, rowStride, columnStride, w, _blockWidth, bias, _relu, y, yRowStride, yColumnStride, channels, spill);
                    break;
                default:
                    DirectTiles.Tile<TL, TV, TR, Four, TN, TP>(_k, offsets, x, rowStride, columnStride, w, _blockWidth, bias, _relu, y, yRowStride, yColumnStride, channels, spill);
                    break;
            }
        }
    }
}
