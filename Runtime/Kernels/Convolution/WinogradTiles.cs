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
/// A 3x3, stride-1 convolution by Winograd's F(2x2, 3x3) (<see cref="WinogradTransforms"/>): the output in 2x2 tiles,
/// a block of tiles at a time. For a block, the input transform writes 16 matrices of tiles x input channels, 16
/// matrix products against the transformed kernel (<see cref="WinogradTransforms.TransformKernel"/>, packed into
/// panels once per weight change) write 16 matrices of tiles x output channels, and the output transform adds the
/// bias, applies ReLU and stores the tiles, or with a following 2x2 max pool (whose windows are exactly the tiles) their
/// maxima. 16 products of K = input channels replace one of K = 9 x input channels: 2.25 times fewer multiply-adds,
/// which is what takes a layer already at the FMA limit (the direct convolution, the GEMM) further.
/// </summary>
/// <remarks>
/// A block's two sets of matrices are sized to stay in L2 with the transformed kernel (<see cref="BlockFloats"/>). Tiles
/// are numbered across the batch, so a block may span samples and a small map's few tiles still fill the products' rows
/// (M1's 11x11 map is 36 tiles). Blocks are shared among threads (one sample's only when asked,
/// <see cref="KernelOptions.SplitSingleSample"/>); each tile is computed the same way whichever block holds it, so the
/// bits do not depend on the batch or the threads. A tile that reads over the padding or past the map's end gathers its
/// 4x4 pixels with zeros around them; the others are read in place.
/// </remarks>
internal sealed unsafe class WinogradTiles : ParallelWork
{
    /// <summary>Fewest input channels of a convolution this class computes (<see cref="WinogradRule.MinInputChannels"/>).</summary>
    public const int MinInputChannels = WinogradRule.MinInputChannels;

    /// <summary>Fewest output channels (<see cref="WinogradRule.MinOutputChannels"/>).</summary>
    public const int MinOutputChannels = WinogradRule.MinOutputChannels;

    /// <summary>
    /// Floats of a block's transformed tiles and products together (16 x tiles x (input + output channels)): small
    /// blocks (12 tiles at 64 -> 64 channels) keep them in L1 and L2 between the transforms and the products. M5's
    /// 32x32x64 -> 64 at batch 1: 214-221 us with 12K-24K floats, 266-280 us with 96K-384K.
    /// </summary>
    private const int BlockFloats = 24 * 1024;

    /// <summary>
    /// The same for a transformed kernel larger than <see cref="LargeKernelFloats"/>: it no longer stays in L2, and every
    /// block reads it again, so blocks are as large as the map allows. M5's 16x16x128 -> 128 (1 MB transformed) with its
    /// pool: 188-193 us in one block of 64 tiles, 201-209 us in blocks of 6.
    /// </summary>
    private const int LargeKernelBlockFloats = 384 * 1024;

    /// <summary>Floats of the transformed kernel (16 x input x output channels) above which blocks are large.</summary>
    private const int LargeKernelFloats = 128 * 1024;

    [ThreadStatic]
    private static WinogradTiles? t_instance;

    private Conv2DGeometry _g;
    private bool _pooled, _relu;
    private int _nr, _lanes;
    private long _packedPlane, _outputSize;
    private TileGrid _grid;
    private float* _input, _packed, _bias, _output;

    /// <summary>Whether this class computes <paramref name="g"/>: <see cref="WinogradRule.Suits"/>.</summary>
    public static bool Suits(in Conv2DGeometry g) =>
        WinogradRule.Suits(
            g.KernelHeight, g.KernelWidth, g.StrideHeight, g.StrideWidth, g.DilationHeight, g.DilationWidth,
            g.InputChannels, g.OutputChannels, g.OutputHeight, g.OutputWidth);

    /// <summary>
    /// Whether the convolution engine takes this class for <paramref name="g"/> (<see cref="KernelOptions.Winograd"/> on,
    /// <see cref="Suits"/>, <see cref="Pays"/>) where the alternative computes <paramref name="alternativePixels"/>
    /// pixels per sample of 9 x channels multiply-adds each.
    /// </summary>
    public static bool Chosen(in Conv2DGeometry g, long alternativePixels) => KernelOptions.Winograd && Suits(g) && Pays(g, alternativePixels);

    /// <summary>Whether the tiles pay against <paramref name="alternativePixels"/> pixels of 9 x channels multiply-adds each: <see cref="WinogradRule.Pays"/>.</summary>
    public static bool Pays(in Conv2DGeometry g, long alternativePixels) => WinogradRule.Pays(g.OutputHeight, g.OutputWidth, alternativePixels);

    /// <summary>Floats <see cref="Pack"/> writes: 16 packed planes.</summary>
    public static long PackedLength(int nr, in Conv2DGeometry g) => WinogradTransforms.Elements * PackedPlane(nr, g);

    /// <summary>Tiles per block for <paramref name="g"/>: a multiple of the micro-kernel's rows, at most the map's tiles.</summary>
    public static int BlockTiles(in Conv2DGeometry g, int tiles)
    {
        var kernelFloats = (long)WinogradTransforms.Elements * g.InputChannels * g.OutputChannels;
        var budget = kernelFloats > LargeKernelFloats ? LargeKernelBlockFloats : BlockFloats;
        var fit = budget / (WinogradTransforms.Elements * (g.InputChannels + g.OutputChannels)) / MatrixProduct.MR * MatrixProduct.MR;
        return Math.Min(Math.Max(MatrixProduct.MR, fit), (tiles + MatrixProduct.MR - 1) / MatrixProduct.MR * MatrixProduct.MR);
    }

    /// <summary>Floats of one packed transformed-kernel matrix (input channels x output channels in panels of <paramref name="nr"/>).</summary>
    public static long PackedPlane(int nr, in Conv2DGeometry g) => MatrixProduct.PackedLength(nr, g.InputChannels, g.OutputChannels);

    /// <summary>Transforms and packs an HWIO 3x3 kernel: 16 planes of <see cref="PackedPlane"/> floats.</summary>
    public static void Pack(int nr, in Conv2DGeometry g, float* kernel, float* packed) =>
        WinogradTransforms.TransformKernel(g.InputChannels, g.OutputChannels, kernel, nr, PackedPlane(nr, g), packed,
            Scratch.Get(ScratchBuffer.Bias, 30L * g.OutputChannels));

    /// <summary>
    /// <c>output = activation(conv(input) + bias)</c>, or with <paramref name="pooled"/> the 2x2 max pool of it, for
    /// <paramref name="batch"/> samples; the kernel packed by <see cref="Pack"/> at panel width <paramref name="nr"/>, the
    /// bias unpadded or null. One sample's blocks are shared among threads only with <paramref name="split"/>.
    /// </summary>
    public static void Run(in Conv2DGeometry g, bool pooled, int batch, float* input, int nr, float* packed, float* bias, Activation activation, float* output, bool split)
    {
        var work = t_instance ??= new WinogradTiles();
        work.Prepare(g, pooled, batch, nr, packed, bias, activation);
        work._input = input;
        work._output = output;
        var multiplyAdds = work._grid.Tiles * WinogradTransforms.Elements * g.InputChannels * g.OutputChannels;
        WorkerPool.Run(work, work._grid.Blocks, batch > 1 || split ? Parallelism.Slots(work._grid.Blocks, multiplyAdds) : 1);
        if (activation is not (Activation.Linear or Activation.Relu))
        {
            FusedActivation.Apply(activation, g.OutputChannels, new Span<float>(output, (int)(work._outputSize * batch)));
        }
        work._input = work._packed = work._bias = work._output = null;
    }

    private void Prepare(in Conv2DGeometry g, bool pooled, int batch, int nr, float* packed, float* bias, Activation activation)
    {
        _g = g;
        _pooled = pooled;
        _relu = activation == Activation.Relu;
        _nr = nr;
        _packed = packed;
        _bias = bias;
        _packedPlane = PackedPlane(nr, g);
        // A pool drops an odd map's last row and column, so its tiles are the pooled map's pixels.
        var tilesHigh = pooled ? g.OutputHeight / 2 : (g.OutputHeight + 1) / 2;
        var tilesWide = pooled ? g.OutputWidth / 2 : (g.OutputWidth + 1) / 2;
        // Blocks run across sample boundaries, so a small map's few tiles still fill the products' rows.
        _grid = new TileGrid(g, tilesHigh, tilesWide, batch);
        _outputSize = pooled ? (long)_grid.TilesPerSample * g.OutputChannels : g.OutputSize;
        _lanes = Lanes();
    }

    /// <inheritdoc/>
    public override void ReserveScratch()
    {
        Scratch.Get(ScratchBuffer.Columns, (long)WinogradTransforms.Elements * _grid.BlockTiles * (_g.InputChannels + _g.OutputChannels));
        Scratch.Get(ScratchBuffer.PaddedInput, WinogradTransforms.Elements * _g.InputChannels);
    }

    /// <summary>One block of tiles: input transform, 16 products, output transform.</summary>
    public override void Execute(int chunk, int slot)
    {
        var g = _g;
        var ic = g.InputChannels;
        var oc = g.OutputChannels;
        var blockTiles = _grid.BlockTiles;
        var count = _grid.Block(chunk, out var first);
        var transformed = Scratch.Get(ScratchBuffer.Columns, (long)WinogradTransforms.Elements * blockTiles * (ic + oc));
        var products = transformed + (long)WinogradTransforms.Elements * blockTiles * ic;
        long inputPlane = (long)blockTiles * ic, outputPlane = (long)blockTiles * oc;
        Transform(first, count, transformed, inputPlane, input: true);
        for (var e = 0; e < WinogradTransforms.Elements; e++)
        {
            MatrixProduct.Multiply(_nr, count, oc, ic, transformed + e * inputPlane, ic, 1, _packed + e * _packedPlane, null, false, products + e * outputPlane, oc);
        }
        Transform(first, count, products, outputPlane, input: false);
    }

    /// <summary>The input or output transform of tiles [first, first + count) at the current vector width.</summary>
    private void Transform(long first, int count, float* planes, long planeStride, bool input)
    {
        if (input)
        {
            TransformInputs(_g, _lanes, _grid, _input, first, count, planes, planeStride);
            return;
        }
#if NET8_0_OR_GREATER
        switch (_lanes)
        {
            case 16:
                TransformOutputs<Vector512<float>, Lanes512>(first, count, planes, planeStride);
                break;
            case 8:
                TransformOutputs<Vector256<float>, Lanes256>(first, count, planes, planeStride);
                break;
            default:
                TransformOutputs<Vector128<float>, Lanes128>(first, count, planes, planeStride);
                break;
        }
#else
        TransformOutputs<Vector<float>, LanesVector>(first, count, planes, planeStride);
#endif
    }

    /// <summary>
    /// The input transform of tiles [<paramref name="first"/>, first + <paramref name="count"/>) of <paramref name="grid"/> (tile t of the block into
    /// <c>planes[e * planeStride + t * input channels]</c>), at <paramref name="lanes"/> floats per vector (0: none).
    /// The kernel gradient (<see cref="WinogradKernelGradient"/>) transforms its input tiles the same way.
    /// </summary>
    public static void TransformInputs(in Conv2DGeometry g, int lanes, in TileGrid grid, float* input, long first, int count, float* planes, long planeStride)
    {
#if NET8_0_OR_GREATER
        switch (lanes)
        {
            case 16:
                TransformInputs<Vector512<float>, Lanes512>(g, lanes, grid, input, first, count, planes, planeStride);
                break;
            case 8:
                TransformInputs<Vector256<float>, Lanes256>(g, lanes, grid, input, first, count, planes, planeStride);
                break;
            default:
                TransformInputs<Vector128<float>, Lanes128>(g, lanes, grid, input, first, count, planes, planeStride);
                break;
        }
#else
        TransformInputs<Vector<float>, LanesVector>(g, lanes, grid, input, first, count, planes, planeStride);
#endif
    }

    private static void TransformInputs<TVector, TLanes>(in Conv2DGeometry g, int lanes, in TileGrid grid, float* input, long first, int count, float* planes, long planeStride)
        where TVector : struct
        where TLanes : struct, ILanes<TVector>
    {
        var ic = g.InputChannels;
        // With no vectors at all (no accelerated width) every channel takes the scalar tail.
        var vectorChannels = lanes == 0 ? 0 : ic / lanes * lanes;
        var rowStride = (long)g.InputWidth * ic;
        for (var i = 0; i < count; i++)
        {
            var tile = first + i;
            var sample = grid.Locate(tile, out var ty, out var tx);
            var v = planes + (long)i * ic;
            var top = 2 * ty - g.PadTop;
            var left = 2 * tx - g.PadLeft;
            var source = input + sample * g.InputSize;
            if (top >= 0 && left >= 0 && top + 4 <= g.InputHeight && left + 4 <= g.InputWidth)
            {
                WinogradTransforms.InputTile<TVector, TLanes>(vectorChannels, ic, source + top * rowStride + (long)left * ic, rowStride, ic, v, planeStride);
            }
            else
            {
                // A tile over the padding or past the map's end: its 4x4 pixels gathered with zeros around them.
                var patch = Scratch.Get(ScratchBuffer.PaddedInput, WinogradTransforms.Elements * ic);
                Gather(g, source, top, left, patch);
                WinogradTransforms.InputTile<TVector, TLanes>(vectorChannels, ic, patch, 4L * ic, ic, v, planeStride);
            }
        }
    }

    private void TransformOutputs<TVector, TLanes>(long first, int count, float* planes, long planeStride)
        where TVector : struct
        where TLanes : struct, ILanes<TVector>
    {
        var g = _g;
        var oc = g.OutputChannels;
        var vectorChannels = _lanes == 0 ? 0 : oc / _lanes * _lanes;
        for (var i = 0; i < count; i++)
        {
            var tile = first + i;
            var sample = _grid.Locate(tile, out var ty, out var tx);
            var m = planes + (long)i * oc;
            var target = _output + sample * _outputSize;
            if (_pooled)
            {
                var pixel = target + ((long)ty * _grid.TilesWide + tx) * oc;
                WinogradTransforms.OutputTile<TVector, TLanes>(vectorChannels, oc, m, planeStride, _bias, _relu, pool: true, pixel, pixel, pixel, pixel);
                continue;
            }
            // Outputs beyond an odd map's last row or column share the valid one's destination and are overwritten by it.
            var y0 = 2 * ty;
            var x0 = 2 * tx;
            var y1 = Math.Min(y0 + 1, g.OutputHeight - 1);
            var x1 = Math.Min(x0 + 1, g.OutputWidth - 1);
            var width = g.OutputWidth;
            WinogradTransforms.OutputTile<TVector, TLanes>(vectorChannels, oc, m, planeStride, _bias, _relu, pool: false,
                target + ((long)y0 * width + x0) * oc, target + ((long)y0 * width + x1) * oc, target + ((long)y1 * width + x0) * oc, target + ((long)y1 * width + x1) * oc);
        }
    }

    /// <summary>The 4x4 input pixels from (<paramref name="top"/>, <paramref name="left"/>) into <paramref name="patch"/>, zero where they lie outside the map.</summary>
    private static void Gather(in Conv2DGeometry g, float* sample, int top, int left, float* patch)
    {
        var ic = g.InputChannels;
        for (var r = 0; r < 4; r++)
        {
            var y = top + r;
            for (var c = 0; c < 4; c++)
            {
                var x = left + c;
                var pixel = new Span<float>(patch + (4 * r + c) * ic, ic);
                if (y < 0 || y >= g.InputHeight || x < 0 || x >= g.InputWidth)
                {
                    pixel.Clear();
                }
                else
                {
                    new ReadOnlySpan<float>(sample + ((long)y * g.InputWidth + x) * ic, ic).CopyTo(pixel);
                }
            }
        }
    }

    /// <summary>Floats per vector at the current width, 0 where none is accelerated.</summary>
    public static int Lanes()
    {
        if (VectorPath.Bits == 0)
        {
            return 0;
        }
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
}
