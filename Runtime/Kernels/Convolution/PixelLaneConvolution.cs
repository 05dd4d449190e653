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
/// Convolution products for layers with few output channels, computed transposed: output pixels lie
/// along the vector lanes and the channels along the micro-kernel's rows, so a 1-channel layer uses
/// every lane where the GEMM (channels along the lanes) would use one in 8, 16 or 32. The input is first
/// rearranged per sample into <see cref="PlanarLayout"/>, where each tap of consecutive pixels is a
/// contiguous run, so no im2col matrix is built. Forward: <c>out^T (N x pixels) = W^T (N x K) x cols^T</c>;
/// kernel gradient: <c>dW (K x N) += cols^T x dOut</c> as lane-wise dot products of planar taps with the
/// transposed output gradient. Each chunk is a block of samples.
/// </summary>
internal static unsafe class PixelLaneConvolution
{
    // When to take this path, measured A/B on the M3/M4 layers with both vector widths: the ratio of the
    // GEMM's wasted multiply-adds (channels padded to whole panels) to this path's (margin lanes, plus
    // rearranging the input counted as one vector multiply-add per float) must exceed these. The forward
    // GEMM gathers little (or reads the input directly), so this path needs a margin there; the GEMM's
    // kernel gradient also gathers and packs, so this path wins there even at slightly more waste.
    private const double ForwardWasteRatio = 1.3;
    private const double KernelGradientWasteRatio = 0.8;

    // The GEMM input gradient's reduction runs over the output channels; at this many or fewer, its
    // micro-kernel stores a tile after a handful of multiply-adds and its col2im scatter dominates.
    private const int ShortInputGradientReduction = 8;

    /// <summary>Whether <see cref="Forward"/> is the faster way to compute <paramref name="g"/>'s forward pass.</summary>
    public static bool ChosenForForward(in Conv2DGeometry g, int batch, int panelWidth) =>
        WasteRatio(g, batch, panelWidth, PlanarLayout.FillCyclesPerFloat(g)) > ForwardWasteRatio;

    // Most output channels for which this path's kernel gradient is taken. Measured at batch 64, one thread, both vector
    // widths: with 1-16 filters (M3, M4) it is 1.2-9x faster than the GEMM, but with 32 or 64 (M1, M2, M5) the GEMM,
    // whose tile is then full, is 1.2-4x faster, even where the waste ratio alone still favours this path (a 64-filter
    // layer on a 32x32 map: 91 vs 161 GFLOP/s; MNIST's first layer at 256 bits: 6 vs 23).
    private const int MaxKernelGradientChannels = 16;

    /// <summary>Whether <see cref="KernelGradient"/> is the faster way to compute <paramref name="g"/>'s kernel gradient.</summary>
    public static bool ChosenForKernelGradient(in Conv2DGeometry g, int batch, int panelWidth) =>
        g.OutputChannels <= MaxKernelGradientChannels && WasteRatio(g, batch, panelWidth, ScalarFillCyclesPerFloat) > KernelGradientWasteRatio;

    /// <summary>
    /// Whether the forward pass of <paramref name="full"/>, a stride-1 input gradient written as a convolution
    /// (<see cref="ConvolutionEngine.AsConvolution"/>), beats the GEMM and col2im over <paramref name="reduction"/> output channels.
    /// </summary>
    public static bool ChosenForInputGradient(in Conv2DGeometry full, int reduction, int batch, int panelWidth)
    {
        var ratio = WasteRatio(full, batch, panelWidth, ScalarFillCyclesPerFloat);
        return ratio > ForwardWasteRatio || (ratio > 0 && reduction <= ShortInputGradientReduction);
    }

    // The rearranging cost the backward choices were measured with: the scalar fill's cycle per input float. (The forward
    // choice counts what the fill now costs for the layer's shape, PlanarLayout.FillCyclesPerFloat.)
    private const double ScalarFillCyclesPerFloat = 1.0;

    /// <summary>
    /// The GEMM's wasted fraction of multiply-adds over this path's (rearranging, at <paramref name="fillCyclesPerFloat"/>,
    /// included) for <paramref name="g"/>, or 0 when this path does not apply (no 256-bit vectors, negative padding, one big
    /// image that only the GEMM's row chunks spread over threads, a sample block too large to index).
    /// </summary>
    private static double WasteRatio(in Conv2DGeometry g, int batch, int panelWidth, double fillCyclesPerFloat)
    {
        if (!VectorPath.IsVectorPanel(panelWidth) || g.PadTop < 0 || g.PadLeft < 0)
        {
            return 0;
        }
        var k = g.KernelHeight * g.KernelWidth * g.InputChannels;
        var multiplyAdds = (long)batch * g.OutputHeight * g.OutputWidth * k * g.OutputChannels;
        if (batch < KernelOptions.MaxThreads && multiplyAdds >= Parallelism.ParallelMultiplyAdds)
        {
            return 0;
        }
        var layout = Layout(g, batch, panelWidth);
        if (layout.BlockFloats > int.MaxValue / 2 || (long)layout.PaddedLanes * g.OutputChannels > int.MaxValue / 2)
        {
            return 0;
        }
        var n = g.OutputChannels;
        var gemmWaste = (double)((n + panelWidth - 1) / panelWidth * panelWidth) / n;
        var laneWaste = (double)layout.PaddedLanes / ((long)layout.Samples * g.OutputHeight * g.OutputWidth);
        // A cycle of rearranging is two vector multiply-adds of panelWidth / 2 lanes.
        var rearranging = fillCyclesPerFloat * g.InputSize * panelWidth / ((double)multiplyAdds / batch);
        return gemmWaste / (laneWaste + rearranging);
    }

    // Lanes a chunk should cover at least: a block of small images is stacked until it fills this many.
    private const int ChunkLanes = 1024;

    /// <summary>
    /// The layout of one chunk: as many samples as fill <see cref="ChunkLanes"/> lanes, but few enough that
    /// every thread gets two chunks or more.
    /// </summary>
    private static PlanarLayout Layout(in Conv2DGeometry g, int batch, int panelWidth)
    {
        var single = new PlanarLayout(g, 1, TileLanes(panelWidth));
        var wanted = (ChunkLanes + single.Lanes - 1) / single.Lanes;
        var samples = Math.Clamp(wanted, 1, Math.Max(1, batch / (2 * KernelOptions.MaxThreads)));
        return samples == 1 ? single : new PlanarLayout(g, samples, TileLanes(panelWidth));
    }

    /// <summary>Lanes per tile: four vectors, so every tile shape divides the padded lane count.</summary>
    private static int TileLanes(int panelWidth) => 4 * LanesPerVector(panelWidth);

    /// <summary>Floats per vector on the path a GEMM panel of <paramref name="panelWidth"/> columns names (two vectors per panel).</summary>
    private static int LanesPerVector(int panelWidth) => panelWidth / 2;

    /// <summary><c>output = activation(conv(input, kernel) + bias)</c>; bias may be null.</summary>
    public static void Forward(in Conv2DGeometry g, int batch, int panelWidth, float* input, float* kernel, float* bias, Activation activation, float* output) =>
        ForwardWork.Run(g, batch, panelWidth, input, kernel, bias, activation, output);

    /// <summary><c>kernelGradient += cols(input)^T x outputGradient</c>.</summary>
    public static void KernelGradient(in Conv2DGeometry g, int batch, int panelWidth, float* input, float* outputGradient, float* kernelGradient) =>
        KernelGradientWork.Run(g, batch, panelWidth, input, outputGradient, kernelGradient);

    /// <summary>Channel groups of at most <see cref="PixelLaneTiles.MaxRows"/>, as even as possible: 10 channels are two tiles of 5.</summary>
    private static int RowsPerGroup(int channels)
    {
        var groups = (channels + PixelLaneTiles.MaxRows - 1) / PixelLaneTiles.MaxRows;
        return (channels + groups - 1) / groups;
    }

    /// <summary>The tap offsets of <paramref name="layout"/> in kernel order, padded with copies of the last to <paramref name="length"/>.</summary>
    private static void FillOffsets(in PlanarLayout layout, int k, int length, ref int[] offsets)
    {
        if (offsets.Length < length)
        {
            offsets = GC.AllocateArray<int>(length, pinned: true);
        }
        fixed (int* o = offsets)
        {
            layout.TapOffsets(o);
            for (var p = k; p < length; p++)
            {
                o[p] = o[k - 1];
            }
        }
    }

    /// <summary>Forward chunks, a block of samples each: rearrange, multiply channel group by channel group, write back NHWC, activate.</summary>
    private sealed class ForwardWork : ParallelWork
    {
        [ThreadStatic]
        private static ForwardWork? t_instance;

        private Conv2DGeometry _g;
        private PlanarLayout _layout;
        private int _panelWidth, _k, _batch;
        private float* _input, _kernel, _bias, _output;
        private Activation _activation;
        private int[] _offsets = [];

        public static void Run(in Conv2DGeometry g, int batch, int panelWidth, float* input, float* kernel, float* bias, Activation activation, float* output)
        {
            var work = t_instance ??= new ForwardWork();
            work._g = g;
            work._layout = Layout(g, batch, panelWidth);
            work._panelWidth = panelWidth;
            work._k = g.KernelHeight * g.KernelWidth * g.InputChannels;
            work._input = input;
            work._kernel = kernel;
            work._bias = bias;
            work._activation = activation;
            work._output = output;
            FillOffsets(work._layout, work._k, work._k, ref work._offsets);
            var multiplyAdds = (long)batch * g.OutputHeight * g.OutputWidth * work._k * g.OutputChannels;
            work._batch = batch;
            var chunks = (batch + work._layout.Samples - 1) / work._layout.Samples;
            WorkerPool.Run(work, chunks, Parallelism.Slots(chunks, multiplyAdds));
            work._input = work._kernel = work._bias = work._output = null;
        }

        /// <inheritdoc/>
        public override void ReserveScratch()
        {
            Scratch.Get(ScratchBuffer.Planar, _layout.BlockFloats);
            Scratch.Get(ScratchBuffer.TransposedOutput, (long)_g.OutputChannels * _layout.PaddedLanes);
        }

        /// <inheritdoc/>
        public override void Execute(int chunk, int slot)
        {
            var g = _g;
            var n = g.OutputChannels;
            var planar = Scratch.Get(ScratchBuffer.Planar, _layout.BlockFloats);
            var transposed = Scratch.Get(ScratchBuffer.TransposedOutput, (long)n * _layout.PaddedLanes);
            var first = chunk * _layout.Samples;
            var count = Math.Min(_layout.Samples, _batch - first);
            _layout.Fill(_input + (long)first * g.InputSize, count, planar);
            var lanes = _layout.PaddedLanesFor(count);
            var ldct = _layout.PaddedLanes;
            var perGroup = RowsPerGroup(n);
            fixed (int* offsets = _offsets)
            {
                for (var oc0 = 0; oc0 < n; oc0 += perGroup)
                {
                    var rows = Math.Min(perGroup, n - oc0);
                    var bias = _bias == null ? null : _bias + oc0;
                    var target = transposed + (long)oc0 * ldct;
#if NET8_0_OR_GREATER
                    if (_panelWidth == 32)
                    {
                        Rows<Lanes512, Vector512<float>>(rows, _k, lanes, planar, offsets, _kernel + oc0, n, bias, target, ldct);
                    }
                    else if (_panelWidth == 16)
                    {
                        Rows<Lanes256, Vector256<float>>(rows, _k, lanes, planar, offsets, _kernel + oc0, n, bias, target, ldct);
                    }
                    else
                    {
                        Rows<Lanes128, Vector128<float>>(rows, _k, lanes, planar, offsets, _kernel + oc0, n, bias, target, ldct);
                    }
#else
                    Rows<LanesVector, Vector<float>>(rows, _k, lanes, planar, offsets, _kernel + oc0, n, bias, target, ldct);
#endif
                }
            }
            var samples = _output + (long)first * g.OutputSize;
            _layout.WriteOutput(transposed, count, n, samples);
            FusedActivation.Apply(_activation, n, new Span<float>(samples, count * g.OutputSize));
        }

        private static void Rows<TL, TV>(int rows, int k, int lanes, float* planar, int* offsets, float* weights, int weightStride, float* bias, float* target, int ldct)
            where TL : struct, ILanes<TV>
            where TV : struct
        {
            switch (rows)
            {
                case 1: PixelLaneTiles.Forward<TL, TV, One, Four>(k, lanes, planar, offsets, weights, weightStride, bias, target, ldct); break;
                case 2: PixelLaneTiles.Forward<TL, TV, Two, Four>(k, lanes, planar, offsets, weights, weightStride, bias, target, ldct); break;
                case 3: PixelLaneTiles.Forward<TL, TV, Three, Four>(k, lanes, planar, offsets, weights, weightStride, bias, target, ldct); break;
                case 4: PixelLaneTiles.Forward<TL, TV, Four, Four>(k, lanes, planar, offsets, weights, weightStride, bias, target, ldct); break;
                case 5: PixelLaneTiles.Forward<TL, TV, Five, Two>(k, lanes, planar, offsets, weights, weightStride, bias, target, ldct); break;
                case 6: PixelLaneTiles.Forward<TL, TV, Six, Two>(k, lanes, planar, offsets, weights, weightStride, bias, target, ldct); break;
                case 7: PixelLaneTiles.Forward<TL, TV, Seven, Two>(k, lanes, planar, offsets, weights, weightStride, bias, target, ldct); break;
                default: PixelLaneTiles.Forward<TL, TV, Eight, Two>(k, lanes, planar, offsets, weights, weightStride, bias, target, ldct); break;
            }
        }
    }

    /// <summary>
    /// Kernel-gradient chunks, a block of samples each: rearrange the input, transpose the output gradient, and add
    /// lane-wise products into this thread's vector partial sums; the lanes are summed once, after all chunks.
    /// </summary>
    private sealed class KernelGradientWork : ParallelWork
    {
        [ThreadStatic]
        private static KernelGradientWork? t_instance;

        private Conv2DGeometry _g;
        private PlanarLayout _layout;
        private int _panelWidth, _k, _batch, _paddedTaps, _vector;
        private float* _input, _outputGradient;
        private int[] _offsets = [];
        private float[][] _partials = [];

        public static void Run(in Conv2DGeometry g, int batch, int panelWidth, float* input, float* outputGradient, float* kernelGradient)
        {
            var work = t_instance ??= new KernelGradientWork();
            work._g = g;
            work._layout = Layout(g, batch, panelWidth);
            work._panelWidth = panelWidth;
            work._vector = LanesPerVector(panelWidth);
            work._k = g.KernelHeight * g.KernelWidth * g.InputChannels;
            // Tiles take 2 or 4 taps; the taps past K repeat the last one and their sums are dropped.
            work._paddedTaps = (work._k + 3) / 4 * 4;
            work._input = input;
            work._outputGradient = outputGradient;
            FillOffsets(work._layout, work._k, work._paddedTaps, ref work._offsets);
            var multiplyAdds = (long)batch * g.OutputHeight * g.OutputWidth * work._k * g.OutputChannels;
            work._batch = batch;
            var chunks = (batch + work._layout.Samples - 1) / work._layout.Samples;
            var slots = Parallelism.Slots(chunks, multiplyAdds);
            var partialLength = (long)work._paddedTaps * g.OutputChannels * work._vector;
            work.PreparePartials(slots, partialLength);
            WorkerPool.Run(work, chunks, slots);
            work.AddPartials(slots, kernelGradient);
            work._input = work._outputGradient = null;
        }

        private void PreparePartials(int slots, long length)
        {
            if (_partials.Length < slots)
            {
                Array.Resize(ref _partials, slots);
            }
            for (var slot = 0; slot < slots; slot++)
            {
                if (_partials[slot] is null || _partials[slot].Length < length)
                {
                    _partials[slot] = Scratch.Allocate(length);
                }
                Array.Clear(_partials[slot], 0, (int)length);
            }
        }

        /// <inheritdoc/>
        public override bool SumsPerSlot => true;

        /// <summary>Sums every slot's lanes into the kernel gradient (HWIO: tap p, channel oc at p*N + oc).</summary>
        private void AddPartials(int slots, float* kernelGradient)
        {
            var count = _k * _g.OutputChannels;
            for (var slot = 0; slot < slots; slot++)
            {
                var partial = Scratch.Address(_partials[slot]);
                for (var i = 0; i < count; i++, partial += _vector)
                {
                    var sum = 0f;
                    for (var lane = 0; lane < _vector; lane++)
                    {
                        sum += partial[lane];
                    }
                    kernelGradient[i] += sum;
                }
            }
        }

        /// <inheritdoc/>
        public override void ReserveScratch()
        {
            Scratch.Get(ScratchBuffer.Planar, _layout.BlockFloats);
            Scratch.Get(ScratchBuffer.TransposedOutput, (long)_g.OutputChannels * _layout.PaddedLanes);
        }

        /// <inheritdoc/>
        public override void Execute(int chunk, int slot)
        {
            var g = _g;
            var n = g.OutputChannels;
            var ldg = _layout.PaddedLanes;
            var planar = Scratch.Get(ScratchBuffer.Planar, _layout.BlockFloats);
            var gradient = Scratch.Get(ScratchBuffer.TransposedOutput, (long)n * ldg);
            var first = chunk * _layout.Samples;
            var count = Math.Min(_layout.Samples, _batch - first);
            _layout.Fill(_input + (long)first * g.InputSize, count, planar);
            _layout.TransposeOutput(_outputGradient + (long)first * g.OutputSize, count, n, gradient);
            var lanes = _layout.PaddedLanesFor(count);
            var partial = Scratch.Address(_partials[slot]);
            var tapStride = n * _vector;
            var perGroup = RowsPerGroup(n);
            fixed (int* offsets = _offsets)
            {
                for (var oc0 = 0; oc0 < n; oc0 += perGroup)
                {
                    var rows = Math.Min(perGroup, n - oc0);
                    var taps = PixelLaneTiles.Depth(rows);
                    for (var p0 = 0; p0 < _k; p0 += taps)
                    {
                        var target = partial + (long)p0 * tapStride + (long)oc0 * _vector;
#if NET8_0_OR_GREATER
                        if (_panelWidth == 32)
                        {
                            Tile<Lanes512, Vector512<float>>(rows, lanes, planar, offsets + p0, gradient + (long)oc0 * ldg, ldg, target, tapStride);
                        }
                        else if (_panelWidth == 16)
                        {
                            Tile<Lanes256, Vector256<float>>(rows, lanes, planar, offsets + p0, gradient + (long)oc0 * ldg, ldg, target, tapStride);
                        }
                        else
                        {
                            Tile<Lanes128, Vector128<float>>(rows, lanes, planar, offsets + p0, gradient + (long)oc0 * ldg, ldg, target, tapStride);
                        }
#else
                        Tile<LanesVector, Vector<float>>(rows, lanes, planar, offsets + p0, gradient + (long)oc0 * ldg, ldg, target, tapStride);
#endif
                    }
                }
            }
        }

        private static void Tile<TL, TV>(int rows, int lanes, float* planar, int* offsets, float* gradient, int ldg, float* partial, int tapStride)
            where TL : struct, ILanes<TV>
            where TV : struct
        {
            switch (rows)
            {
                case 1: PixelLaneTiles.KernelGradient<TL, TV, One, Four>(lanes, planar, offsets, gradient, ldg, partial, tapStride); break;
                case 2: PixelLaneTiles.KernelGradient<TL, TV, Two, Four>(lanes, planar, offsets, gradient, ldg, partial, tapStride); break;
                case 3: PixelLaneTiles.KernelGradient<TL, TV, Three, Four>(lanes, planar, offsets, gradient, ldg, partial, tapStride); break;
                case 4: PixelLaneTiles.KernelGradient<TL, TV, Four, Four>(lanes, planar, offsets, gradient, ldg, partial, tapStride); break;
                case 5: PixelLaneTiles.KernelGradient<TL, TV, Five, Two>(lanes, planar, offsets, gradient, ldg, partial, tapStride); break;
                case 6: PixelLaneTiles.KernelGradient<TL, TV, Six, Two>(lanes, planar, offsets, gradient, ldg, partial, tapStride); break;
                case 7: PixelLaneTiles.KernelGradient<TL, TV, Seven, Two>(lanes, planar, offsets, gradient, ldg, partial, tapStride); break;
                default: PixelLaneTiles.KernelGradient<TL, TV, Eight, Two>(lanes, planar, offsets, gradient, ldg, partial, tapStride); break;
            }
        }
    }
}
