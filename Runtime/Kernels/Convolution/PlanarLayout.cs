using System;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
#endif

namespace Generated.Kernels.Convolution;

/// <summary>
/// One sample of a convolution's input rearranged so that a tap of consecutive output pixels is one
/// contiguous run of floats, which lets a kernel put output pixels along the vector lanes without
/// building an im2col matrix. The sample becomes planes <c>(ic, phaseY, phaseX)</c> of
/// <see cref="Rows"/> x <see cref="Width"/> floats: input <c>(y, x, ic)</c> sits in plane
/// <c>(ic, (y + PadTop) % SH, (x + PadLeft) % SW)</c> at row <c>(y + PadTop) / SH</c>, column
/// <c>(x + PadLeft) / SW</c>, and every other float is zero (the padding). Output pixel <c>(oy, ox)</c>
/// is lane <c>oy * Width + ox</c>, and its tap <c>(ky, kx, ic)</c> reads lane + <see cref="TapOffset"/>:
/// the same offset for every pixel, whatever the stride, dilation or padding. Lanes with
/// <c>ox &gt;= OW</c> (the right margin) are computed like the others and dropped.
/// </summary>
internal readonly unsafe struct PlanarLayout
{
    private readonly Conv2DGeometry _g;
    private readonly int _tileLanes;
    private readonly long _planesFloats;
    private readonly bool _inputFillsPlanes;

    /// <summary>
    /// The layout of blocks of <paramref name="samples"/> samples of <paramref name="g"/>'s input, with lanes padded
    /// to whole tiles of <paramref name="tileLanes"/>. The samples of a block are stacked in each plane (sample n
    /// starts at row <c>n * Rows</c>), so small images still fill whole vectors.
    /// </summary>
    public PlanarLayout(in Conv2DGeometry g, int samples, int tileLanes)
    {
        _g = g;
        Samples = samples;
        // Every tap of every real output pixel, and every input value, has a slot.
        Rows = Math.Max(g.OutputHeight + (g.KernelHeight - 1) * g.DilationHeight / g.StrideHeight,
            (g.PadTop + g.InputHeight + g.StrideHeight - 1) / g.StrideHeight);
        Width = Math.Max(g.OutputWidth + (g.KernelWidth - 1) * g.DilationWidth / g.StrideWidth,
            (g.PadLeft + g.InputWidth + g.StrideWidth - 1) / g.StrideWidth);
        PlaneSize = (long)samples * Rows * Width;
        Lanes = ((samples - 1) * Rows + g.OutputHeight) * Width;
        _tileLanes = tileLanes;
        PaddedLanes = PaddedLanesFor(samples);
        var planes = (long)g.InputChannels * g.StrideHeight * g.StrideWidth;
        var lastTap = 0L;
        for (var ky = 0; ky < g.KernelHeight; ky++)
        {
            for (var kx = 0; kx < g.KernelWidth; kx++)
            {
                lastTap = Math.Max(lastTap, TapOffset(ky, kx, g.InputChannels - 1));
            }
        }
        // The last tile reads up to PaddedLanes - 1 past the largest offset; those floats exist and are zero.
        BlockFloats = Math.Max(planes * PlaneSize, lastTap + PaddedLanes);
        _planesFloats = planes * PlaneSize;
        // Without padding and with the input filling whole plane rows and columns, every plane float of a full block
        // is an input value: Fill then clears only the zeros past the planes that the last tiles read.
        _inputFillsPlanes = g.PadTop == 0 && g.PadLeft == 0 && Rows * g.StrideHeight == g.InputHeight && Width * g.StrideWidth == g.InputWidth;
    }

    /// <summary>Samples per block.</summary>
    public int Samples { get; }

    /// <summary>Rows per plane.</summary>
    public int Rows { get; }

    /// <summary>Floats per plane row: the lane distance between two output rows.</summary>
    public int Width { get; }

    /// <summary>Floats per plane (all samples of a block).</summary>
    public long PlaneSize { get; }

    /// <summary>Lanes that cover the block's output: up to output row OH - 1 of its last sample.</summary>
    public int Lanes { get; }

    /// <summary><see cref="Lanes"/> rounded up to whole tiles; kernels compute all of them.</summary>
    public int PaddedLanes { get; }

    /// <summary>The lanes a block of only <paramref name="count"/> samples needs computed, in whole tiles.</summary>
    public int PaddedLanesFor(int count)
    {
        var lanes = ((count - 1) * Rows + _g.OutputHeight) * Width;
        return (lanes + _tileLanes - 1) / _tileLanes * _tileLanes;
    }

    /// <summary>Floats one planar block occupies, including the zeros the last tiles read.</summary>
    public long BlockFloats { get; }

    /// <summary>Where tap <c>(ky, kx, ic)</c> of lane 0 is, relative to the start of the planar block.</summary>
    public long TapOffset(int ky, int kx, int ic)
    {
        var g = _g;
        var dy = ky * g.DilationHeight;
        var dx = kx * g.DilationWidth;
        var plane = ((long)ic * g.StrideHeight + dy % g.StrideHeight) * g.StrideWidth + dx % g.StrideWidth;
        return plane * PlaneSize + (long)(dy / g.StrideHeight) * Width + dx / g.StrideWidth;
    }

    /// <summary>Writes every tap's offset in kernel order <c>(ky, kx, ic)</c>, the row order of an HWIO kernel.</summary>
    public void TapOffsets(int* offsets)
    {
        var p = 0;
        for (var ky = 0; ky < _g.KernelHeight; ky++)
        {
            for (var kx = 0; kx < _g.KernelWidth; kx++)
            {
                for (var ic = 0; ic < _g.InputChannels; ic++)
                {
                    offsets[p++] = checked((int)TapOffset(ky, kx, ic));
                }
            }
        }
    }

    /// <summary>
    /// About how many cycles <see cref="Fill"/> spends per input float of <paramref name="g"/>: a quarter on its vector paths
    /// (one channel at stride 1 or 2, <see cref="BlockTranspose"/> at stride 1, four or more channels on rows of four or
    /// more pixels per phase at larger strides; measured on M3's and M4's layers, 2-5x faster than the scalar loops), one
    /// on the scalar loops.
    /// </summary>
    public static double FillCyclesPerFloat(in Conv2DGeometry g)
    {
        var vectorized = g.InputChannels == 1
            ? g.StrideWidth == 1 || (g.StrideWidth == 2 && BlockTranspose.Is4x4Supported)
            : g.StrideWidth == 1
#if NET8_0_OR_GREATER
                ? (BlockTranspose.IsSupported && (g.InputChannels >= 8 || Avx2.IsSupported))
                  || (AdvSimd.Arm64.IsSupported && g.InputChannels >= 4 && g.InputWidth >= 4)
#else
                ? BlockTranspose.IsSupported
#endif
                : BlockTranspose.Is4x4Supported && g.InputChannels >= 4 && g.InputWidth >= 4 * g.StrideWidth;
        return vectorized ? 0.25 : 1.0;
    }

    /// <summary>Rearranges <paramref name="count"/> consecutive NHWC samples (IH, IW, IC) into <paramref name="planar"/> (<see cref="BlockFloats"/> floats).</summary>
    public void Fill(float* samples, int count, float* planar)
    {
        var g = _g;
        if (_inputFillsPlanes && count == Samples)
        {
            new Span<float>(planar + _planesFloats, checked((int)(BlockFloats - _planesFloats))).Clear();
        }
        else
        {
            new Span<float>(planar, checked((int)BlockFloats)).Clear();
        }
        var ic = g.InputChannels;
        var channelStride = (long)g.StrideHeight * g.StrideWidth * PlaneSize;
        var source = samples;
        for (var n = 0; n < count; n++)
        {
            for (var y = 0; y < g.InputHeight; y++)
            {
                var yy = y + g.PadTop;
                var rowBase = planar + (long)(yy % g.StrideHeight) * g.StrideWidth * PlaneSize + ((long)n * Rows + yy / g.StrideHeight) * Width;
                if (ic == 1 && g.StrideWidth == 1)
                {
                    // One channel, no column phases: the input row is a plane row.
                    new ReadOnlySpan<float>(source, g.InputWidth).CopyTo(new Span<float>(rowBase + g.PadLeft, g.InputWidth));
                    source += g.InputWidth;
                    continue;
                }
                if (ic == 1 && g.StrideWidth == 2)
                {
                    // One channel at stride 2 (strided first layers): the row splits into its even and odd columns.
                    var even = rowBase + (long)(g.PadLeft % 2) * PlaneSize + g.PadLeft / 2;
                    var odd = rowBase + (long)((g.PadLeft + 1) % 2) * PlaneSize + (g.PadLeft + 1) / 2;
                    Deinterleave(source, g.InputWidth, even, odd);
                    source += g.InputWidth;
                    continue;
                }
                if (g.StrideWidth > 1 && BlockTranspose.Is4x4Supported && ic >= 4 && g.InputWidth >= 4 * g.StrideWidth)
                {
                    // Per column phase, 4x4 blocks of (pixels of that phase, channels) transposed in registers into 4
                    // planes; the last block of each axis is moved back to end at the edge (rewriting a few values).
                    for (var x0 = 0; x0 < g.StrideWidth; x0++)
                    {
                        var xx = x0 + g.PadLeft;
                        var plane = rowBase + (long)(xx % g.StrideWidth) * PlaneSize + xx / g.StrideWidth;
                        var columns = (g.InputWidth - x0 + g.StrideWidth - 1) / g.StrideWidth;
                        for (var j0 = 0; j0 < columns; j0 += 4)
                        {
                            var j = Math.Min(j0, columns - 4);
                            for (var c0 = 0; c0 < ic; c0 += 4)
                            {
                                var c = Math.Min(c0, ic - 4);
                                BlockTranspose.Transpose4x4(source + (long)(x0 + j * g.StrideWidth) * ic + c, g.StrideWidth * ic, plane + j + c * channelStride, channelStride);
                            }
                        }
                    }
                    source += g.InputWidth * ic;
                    continue;
                }
                FillRow(source, rowBase, channelStride);
                source += (long)g.InputWidth * ic;
            }
        }
    }

    /// <summary>
    /// One NHWC input row into its plane rows (<paramref name="rowBase"/>: channel 0, column phase 0): for each column phase
    /// and channel, a gather of every SW-th pixel into one contiguous run, a tight loop with a constant source stride.
    /// </summary>
    private void FillRow(float* source, float* rowBase, long channelStride)
    {
        var g = _g;
        var ic = g.InputChannels;
        if (g.StrideWidth == 1)
        {
            // One column phase: the row is a block of pixels to transpose into the channels' plane rows.
            BlockTranspose.PixelsToPlanes(source, g.InputWidth, ic, rowBase + g.PadLeft, channelStride);
            return;
        }
        var step = (long)g.StrideWidth * ic;
        for (var x0 = 0; x0 < g.StrideWidth && x0 < g.InputWidth; x0++)
        {
            // Pixels x0, x0 + SW, ... share column phase (x0 + PadLeft) % SW and sit at consecutive columns from (x0 + PadLeft) / SW.
            var count = (g.InputWidth - x0 + g.StrideWidth - 1) / g.StrideWidth;
            var plane = rowBase + (x0 + g.PadLeft) % g.StrideWidth * PlaneSize + (x0 + g.PadLeft) / g.StrideWidth;
            for (var c = 0; c < ic; c++, plane += channelStride)
            {
                var from = source + (long)x0 * ic + c;
                for (var k = 0; k < count; k++, from += step)
                {
                    plane[k] = *from;
                }
            }
        }
    }

    /// <summary>Writes the <paramref name="length"/> floats of <paramref name="row"/> at even indices to <paramref name="even"/> and at odd ones to <paramref name="odd"/>.</summary>
    private static void Deinterleave(float* row, int length, float* even, float* odd)
    {
        var x = 0;
#if NET8_0_OR_GREATER
        if (Sse.IsSupported)
        {
            // Four pairs per step: one shuffle picks the even lanes of two vectors, another the odd ones.
            for (; x + 8 <= length; x += 8)
            {
                var low = Sse.LoadVector128(row + x);
                var high = Sse.LoadVector128(row + x + 4);
                Sse.Store(even + x / 2, Sse.Shuffle(low, high, 0b10_00_10_00));
                Sse.Store(odd + x / 2, Sse.Shuffle(low, high, 0b11_01_11_01));
            }
        }
        else if (AdvSimd.Arm64.IsSupported)
        {
            // uzp1/uzp2: the even and the odd lanes of two vectors.
            for (; x + 8 <= length; x += 8)
            {
                var low = AdvSimd.LoadVector128(row + x);
                var high = AdvSimd.LoadVector128(row + x + 4);
                AdvSimd.Store(even + x / 2, AdvSimd.Arm64.UnzipEven(low, high));
                AdvSimd.Store(odd + x / 2, AdvSimd.Arm64.UnzipOdd(low, high));
            }
        }
#endif
        for (; x < length; x++)
        {
            if ((x & 1) == 0)
            {
                even[x / 2] = row[x];
            }
            else
            {
                odd[x / 2] = row[x];
            }
        }
    }

    /// <summary>
    /// The transpose of <paramref name="count"/> output samples, as the kernel-gradient product reads them: row
    /// <c>oc</c> of <paramref name="transposed"/> (rows <see cref="PaddedLanes"/> floats apart) holds channel oc of
    /// every output pixel at its lane, zero in the margins and past the last pixel.
    /// </summary>
    public void TransposeOutput(float* samples, int count, int channels, float* transposed)
    {
        var g = _g;
        new Span<float>(transposed, checked(channels * PaddedLanes)).Clear();
        var source = samples;
        for (var row = 0; row < count * Rows; row++)
        {
            if (row % Rows >= g.OutputHeight)
            {
                continue;
            }
            BlockTranspose.PixelsToPlanes(source, g.OutputWidth, channels, transposed + (long)row * Width, PaddedLanes);
            source += (long)g.OutputWidth * channels;
        }
    }

    /// <summary>
    /// The inverse of <see cref="TransposeOutput"/> without the margins: output pixel <c>(oy, ox)</c> of sample n,
    /// channel oc of the NHWC <paramref name="samples"/> is lane <c>(n * Rows + oy) * Width + ox</c> of row oc.
    /// </summary>
    public void WriteOutput(float* transposed, int count, int channels, float* samples)
    {
        var g = _g;
        var target = samples;
        for (var row = 0; row < count * Rows; row++)
        {
            if (row % Rows >= g.OutputHeight)
            {
                continue;
            }
            var lane = transposed + (long)row * Width;
            if (channels == 1)
            {
                new ReadOnlySpan<float>(lane, g.OutputWidth).CopyTo(new Span<float>(target, g.OutputWidth));
                target += g.OutputWidth;
                continue;
            }
            BlockTranspose.PlanesToPixels(lane, PaddedLanes, g.OutputWidth, channels, target);
            target += (long)g.OutputWidth * channels;
        }
    }
}
