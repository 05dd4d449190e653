using System;
using System.Numerics.Tensors;
using Generated.Kernels.Gemm;
using Generated.Kernels.Threading;

namespace Generated.Kernels.Convolution;

/// <summary>
/// The kernel gradient of a convolution that <see cref="WinogradTiles"/> computes, by the same F(2x2, 3x3) run backwards:
/// the forward pass is <c>Y = Aᵀ[(G g Gᵀ) ⊙ V]A</c> per tile, so <c>dg = Gᵀ (Σ_tiles V ⊙ A dY Aᵀ) G</c>. Per block of
/// tiles: the input transform (<see cref="WinogradTiles.TransformInputs"/>), the output gradient's 2x2 tiles expanded to
/// 4x4 (<see cref="WinogradTransforms.GradientTile{TVector, TLanes}"/>) and packed, then 16 products
/// <c>dU_e += V_eᵀ dM_e</c> (input channels x output channels, the reduction over the block's tiles) on the GEMM
/// micro-kernel; once all blocks ran, <c>Gᵀ dU G</c> (<see cref="WinogradTransforms.AddKernelGradient"/>) is added to the
/// kernel gradient. 16 products with a reduction over tiles replace one over pixels x 9 taps: 2.25 times fewer
/// multiply-adds on even maps, as in the forward pass.
/// </summary>
/// <remarks>
/// Each thread sums its blocks into partial sums of its own, a fixed run of blocks per slot
/// (<see cref="ParallelWork.SumsPerSlot"/>), added in slot order at the end: a seed reproduces training bit for bit at a
/// given thread count, as with the im2col kernel gradient. The bias gradient is the output gradient's column sums.
/// </remarks>
internal sealed unsafe class WinogradKernelGradient : ParallelWork
{
    [ThreadStatic]
    private static WinogradKernelGradient? t_instance;

    private Conv2DGeometry _g;
    private int _nr, _lanes;
    private TileGrid _grid;
    private float* _input, _outputGradient;
    private float[][] _partials = [];

    /// <summary>
    /// Whether <c>Conv2D</c>'s kernel gradient runs this way for <paramref name="g"/>: the forward pass's rule
    /// (<see cref="WinogradTiles.Chosen"/>), against the im2col product over the output pixels.
    /// </summary>
    public static bool Chosen(in Conv2DGeometry g) => WinogradTiles.Chosen(g, (long)g.OutputHeight * g.OutputWidth);

    /// <summary>
    /// <c>kernelGradient += dLoss/dKernel</c> (HWIO) and, unless <paramref name="biasGradient"/> is empty, the column sums
    /// of <paramref name="outputGradient"/> into it, for <paramref name="batch"/> samples.
    /// </summary>
    public static void Run(in Conv2DGeometry g, int batch, float* input, float* outputGradient, float* kernelGradient, Span<float> biasGradient)
    {
        if (!biasGradient.IsEmpty)
        {
            ColumnSums.AddTo(batch * g.OutputHeight * g.OutputWidth, g.OutputChannels, outputGradient, biasGradient);
        }
        if (batch == 0)
        {
            return;
        }
        var work = t_instance ??= new WinogradKernelGradient();
        work._g = g;
        work._nr = MatrixProduct.PanelWidth;
        work._lanes = WinogradTiles.Lanes();
        work._grid = new TileGrid(g, (g.OutputHeight + 1) / 2, (g.OutputWidth + 1) / 2, batch);
        work._input = input;
        work._outputGradient = outputGradient;
        var sums = WinogradTransforms.Elements * g.InputChannels * g.OutputChannels;
        var slots = Parallelism.Slots(work._grid.Blocks, work._grid.Tiles * sums);
        work.PreparePartials(slots, sums);
        WorkerPool.Run(work, work._grid.Blocks, slots);
        var total = work._partials[0];
        for (var slot = 1; slot < slots; slot++)
        {
            TensorPrimitives.Add(new ReadOnlySpan<float>(total, 0, sums), new ReadOnlySpan<float>(work._partials[slot], 0, sums), new Span<float>(total, 0, sums));
        }
        var scratch = Scratch.Get(ScratchBuffer.Bias, 14L * g.OutputChannels);
        fixed (float* du = total)
        {
            for (var ci = 0; ci < g.InputChannels; ci++)
            {
                WinogradTransforms.AddKernelGradient(g.InputChannels, g.OutputChannels, ci, du, kernelGradient, scratch);
            }
        }
        work._input = work._outputGradient = null;
    }

    private void PreparePartials(int slots, int size)
    {
        if (_partials.Length < slots)
        {
            Array.Resize(ref _partials, slots);
        }
        for (var slot = 0; slot < slots; slot++)
        {
            if (_partials[slot] is null || _partials[slot].Length < size)
            {
                _partials[slot] = Scratch.Allocate(size);
            }
            Array.Clear(_partials[slot], 0, size);
        }
    }

    /// <inheritdoc/>
    public override bool SumsPerSlot => true;

    /// <inheritdoc/>
    public override void ReserveScratch()
    {
        var g = _g;
        Scratch.Get(ScratchBuffer.Columns, BlockFloats(g));
        Scratch.Get(ScratchBuffer.PackedRows, WinogradTransforms.Elements * MatrixProduct.PackedLength(_nr, _grid.BlockTiles, g.OutputChannels));
        Scratch.Get(ScratchBuffer.PaddedInput, WinogradTransforms.Elements * Math.Max(g.InputChannels, g.OutputChannels));
    }

    /// <summary>A block's transformed input tiles and expanded output-gradient tiles.</summary>
    private long BlockFloats(in Conv2DGeometry g) => (long)WinogradTransforms.Elements * _grid.BlockTiles * (g.InputChannels + g.OutputChannels);

    /// <summary>One block of tiles: both transforms, the packing of dM and the 16 products into this slot's sums.</summary>
    public override void Execute(int chunk, int slot)
    {
        var g = _g;
        var ic = g.InputChannels;
        var oc = g.OutputChannels;
        var blockTiles = _grid.BlockTiles;
        var count = _grid.Block(chunk, out var first);
        var transformed = Scratch.Get(ScratchBuffer.Columns, BlockFloats(g));
        var gradients = transformed + (long)WinogradTransforms.Elements * blockTiles * ic;
        long inputPlane = (long)blockTiles * ic, gradientPlane = (long)blockTiles * oc;
        WinogradTiles.TransformInputs(g, _lanes, _grid, _input, first, count, transformed, inputPlane);
        ExpandGradients(first, count, gradients, gradientPlane);
        var packedPlane = MatrixProduct.PackedLength(_nr, count, oc);
        var packed = Scratch.Get(ScratchBuffer.PackedRows, WinogradTransforms.Elements * MatrixProduct.PackedLength(_nr, blockTiles, oc));
        fixed (float* sums = _partials[slot])
        {
            for (var e = 0; e < WinogradTransforms.Elements; e++)
            {
                var b = packed + e * packedPlane;
                MatrixProduct.Pack(_nr, count, oc, gradients + e * gradientPlane, oc, 1, b);
                // dU_e (ic x oc) += V_eᵀ dM_e: A element (ci, tile) is transformed[e][tile][ci].
                MatrixProduct.Multiply(_nr, ic, oc, count, transformed + e * inputPlane, 1, ic, b, null, true, sums + (long)e * ic * oc, oc);
            }
        }
    }

    /// <summary><c>A dY Aᵀ</c> for tiles [first, first + count), zero for an odd map's values past its last row or column.</summary>
    private void ExpandGradients(long first, int count, float* planes, long planeStride)
    {
#if NET8_0_OR_GREATER
        switch (_lanes)
        {
            case 16:
                ExpandGradients<System.Runtime.Intrinsics.Vector512<float>, Simd.Lanes512>(first, count, planes, planeStride);
                break;
            case 8:
                ExpandGradients<System.Runtime.Intrinsics.Vector256<float>, Simd.Lanes256>(first, count, planes, planeStride);
                break;
            default:
                ExpandGradients<System.Runtime.Intrinsics.Vector128<float>, Simd.Lanes128>(first, count, planes, planeStride);
                break;
        }
#else
        ExpandGradients<System.Numerics.Vector<float>, Simd.LanesVector>(first, count, planes, planeStride);
#endif
    }

    private void ExpandGradients<TVector, TLanes>(long first, int count, float* planes, long planeStride)
        where TVector : struct
        where TLanes : struct, Simd.ILanes<TVector>
    {
        var g = _g;
        var oc = g.OutputChannels;
        var vectorChannels = _lanes == 0 ? 0 : oc / _lanes * _lanes;
        var zeros = Scratch.Get(ScratchBuffer.PaddedInput, oc);
        new Span<float>(zeros, oc).Clear();
        for (var i = 0; i < count; i++)
        {
            var tile = first + i;
            var sample = _grid.Locate(tile, out var ty, out var tx);
            var dy = _outputGradient + sample * g.OutputSize;
            var y0 = 2 * ty;
            var x0 = 2 * tx;
            var hasRow = y0 + 1 < g.OutputHeight;
            var hasColumn = x0 + 1 < g.OutputWidth;
            var width = g.OutputWidth;
            var y00 = dy + ((long)y0 * width + x0) * oc;
            var y01 = hasColumn ? y00 + oc : zeros;
            var y10 = hasRow ? y00 + (long)width * oc : zeros;
            var y11 = hasRow && hasColumn ? y00 + ((long)width + 1) * oc : zeros;
            WinogradTransforms.GradientTile<TVector, TLanes>(vectorChannels, oc, y00, y01, y10, y11, planes + (long)i * oc, planeStride);
        }
    }
}
