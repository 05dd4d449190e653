using System;
using System.Numerics.Tensors;
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
/// A strided convolution's input gradient <c>dIn = col2im(dOut x W^T)</c> for 1-2 input channels, split by stride
/// phase: the input pixels with the same <c>((iy + PadTop) mod SH, (ix + PadLeft) mod SW)</c> are reached only by the
/// kernel taps <c>ky = r + SH * a</c>, <c>kx = c + SW * b</c> of that phase, and each receives a stride-1 correlation
/// of the output gradient with that sub-kernel: <c>dIn[py + SH*j, px + SW*i] = sum over a, b, oc of
/// dOut[j + q - a, i + qx - b, oc] * W[r + SH*a, c + SW*b, ic, oc]</c>. The output gradient of a sample is first
/// transposed into zero-bordered planes per channel, so consecutive <c>i</c> of one tap are one contiguous run
/// and the phase's pixels lie along the vector lanes, four phase rows at a time in registers. The GEMM it replaces
/// has a reduction of only the output channels and then scatters every im2col column back (the M4 first layer's
/// 5x5 stride-2 window adds 25 floats per output pixel into a 1-channel image); here each input-gradient float is
/// written once. Dilation must be 1 (Keras does not combine strides and dilation). Each chunk is one sample.
/// </summary>
internal static unsafe class StridePhaseInputGradient
{
    /// <summary>
    /// Most input channels for which this path is taken: each input channel repeats the whole product with the output
    /// gradient's planes, while the GEMM's columns cover all of them at once. Measured at batch 64, one thread: M4's first
    /// layer (1 channel, 5x5 stride 2, 10 filters) 2.2x faster than the GEMM and col2im; 3-4 channels about even; 10 channels
    /// (M4's second layer) 3-4x slower.
    /// </summary>
    public const int MaxInputChannels = 2;

    // Phase rows computed together: independent accumulators that share each broadcast weight.
    private const int RowBlock = 4;

    // Floats in the widest vector any build uses (Vector512; Vector<float> has at most 16 on the portable builds too).
    private const int MaxVectorFloats = 16;

    /// <summary>Whether this path can compute <paramref name="g"/>'s input gradient: a stride above 1, dilation 1, non-negative padding.</summary>
    public static bool Supports(in Conv2DGeometry g) =>
#if NET8_0_OR_GREATER
        Vector128.IsHardwareAccelerated
#else
        VectorPath.AllowsVector
#endif
        && (g.StrideHeight > 1 || g.StrideWidth > 1) && g.DilationHeight == 1 && g.DilationWidth == 1
        && g.PadTop >= 0 && g.PadLeft >= 0;

    /// <summary>Whether this path is the faster way to compute <paramref name="g"/>'s input gradient (supported, few input channels).</summary>
    public static bool Chosen(in Conv2DGeometry g) => Supports(g) && g.InputChannels <= MaxInputChannels;

    /// <summary><c>inputGradient = activation(col2im(outputGradient x kernel^T) + bias)</c>, overwritten; bias may be null.</summary>
    public static void Run(in Conv2DGeometry g, int batch, int panelWidth, float* kernel, float* outputGradient, float* bias, Activation activation, float* inputGradient)
    {
        if (!Supports(g))
        {
            throw new ArgumentException($"The stride-phase input gradient needs accelerated vectors, a stride above 1, dilation 1 and non-negative padding; this geometry has strides {g.StrideHeight}x{g.StrideWidth}, dilation {g.DilationHeight}x{g.DilationWidth}, padding {g.PadTop}x{g.PadLeft}.", nameof(g));
        }
        Work.Run(g, batch, panelWidth, kernel, outputGradient, bias, activation, inputGradient);
    }

    /// <summary>One phase along one axis: the first tap, the taps it has, the output-row shift and the input pixels it covers.</summary>
    private readonly record struct AxisPhase(int FirstTap, int Taps, int Shift, int Pixels)
    {
        public static AxisPhase Of(int phase, int pad, int stride, int kernel, int inputSize)
        {
            var first = (phase + pad) % stride;
            var taps = first < kernel ? (kernel - first + stride - 1) / stride : 0;
            var pixels = phase < inputSize ? (inputSize - phase + stride - 1) / stride : 0;
            return new AxisPhase(first, taps, (phase + pad) / stride, pixels);
        }
    }

    /// <summary>Per-sample chunks: transpose the output gradient into planes, compute every phase of every input channel, then bias and activation.</summary>
    private sealed class Work : ParallelWork
    {
        [ThreadStatic]
        private static Work? t_instance;

        private Conv2DGeometry _g;
        private int _vector, _borderY, _borderX, _planeRows, _planeWidth;
        private long _planeSize;
        private float* _weights, _outputGradient, _bias, _inputGradient;
        private Activation _activation;

        public static void Run(in Conv2DGeometry g, int batch, int panelWidth, float* kernel, float* outputGradient, float* bias, Activation activation, float* inputGradient)
        {
            var work = t_instance ??= new Work();
            work._g = g;
            work._vector = panelWidth / 2;
            // Tap a of a phase reads output row j + Shift - a: up to KH/SH rows above the first and, for the last block of
            // phase rows (rounded up to whole blocks) and lanes (whole vectors), past the last; all of that reads zeros.
            var phaseRows = (g.InputHeight + g.StrideHeight - 1) / g.StrideHeight;
            var phaseColumns = (g.InputWidth + g.StrideWidth - 1) / g.StrideWidth;
            work._borderY = (g.KernelHeight + g.StrideHeight - 1) / g.StrideHeight;
            work._borderX = (g.KernelWidth + g.StrideWidth - 1) / g.StrideWidth;
            var shiftY = (g.StrideHeight - 1 + g.PadTop) / g.StrideHeight;
            var shiftX = (g.StrideWidth - 1 + g.PadLeft) / g.StrideWidth;
            var blockRows = (phaseRows + RowBlock - 1) / RowBlock * RowBlock;
            var vectorColumns = (phaseColumns + work._vector - 1) / work._vector * work._vector;
            work._planeRows = work._borderY + Math.Max(g.OutputHeight, blockRows + shiftY) + 1;
            work._planeWidth = work._borderX + Math.Max(g.OutputWidth, vectorColumns + shiftX) + 1;
            work._planeSize = (long)work._planeRows * work._planeWidth;
            work._weights = Scratch.Get(ScratchBuffer.RearrangedKernel, g.KernelSize);
            work.PackWeights(kernel);
            work._outputGradient = outputGradient;
            work._bias = bias;
            work._activation = activation;
            work._inputGradient = inputGradient;
            var multiplyAdds = (long)batch * g.OutputHeight * g.OutputWidth * g.KernelHeight * g.KernelWidth * g.InputChannels * g.OutputChannels;
            WorkerPool.Run(work, batch, Parallelism.Slots(batch, multiplyAdds));
            work._weights = work._outputGradient = work._bias = work._inputGradient = null;
        }

        /// <summary>
        /// HWIO <paramref name="kernel"/> in the order the phases read it: input channel, phase row, phase column, then
        /// the phase's taps (a, b) and the output channels (each phase's taps partition the kernel, so K floats in all).
        /// </summary>
        private void PackWeights(float* kernel)
        {
            var g = _g;
            int ic = g.InputChannels, oc = g.OutputChannels;
            var target = _weights;
            for (var i = 0; i < ic; i++)
            {
                for (var py = 0; py < g.StrideHeight; py++)
                {
                    var rows = AxisPhase.Of(py, g.PadTop, g.StrideHeight, g.KernelHeight, g.InputHeight);
                    for (var px = 0; px < g.StrideWidth; px++)
                    {
                        var columns = AxisPhase.Of(px, g.PadLeft, g.StrideWidth, g.KernelWidth, g.InputWidth);
                        for (var a = 0; a < rows.Taps; a++)
                        {
                            for (var b = 0; b < columns.Taps; b++)
                            {
                                var ky = rows.FirstTap + g.StrideHeight * a;
                                var kx = columns.FirstTap + g.StrideWidth * b;
                                var source = kernel + (((long)ky * g.KernelWidth + kx) * ic + i) * oc;
                                for (var o = 0; o < oc; o++)
                                {
                                    *target++ = source[o];
                                }
                            }
                        }
                    }
                }
            }
        }

        /// <inheritdoc/>
        public override void ReserveScratch() => Scratch.Get(ScratchBuffer.Planar, _g.OutputChannels * _planeSize);

        /// <inheritdoc/>
        public override void Execute(int chunk, int slot)
        {
            var g = _g;
            var planes = Scratch.Get(ScratchBuffer.Planar, g.OutputChannels * _planeSize);
            TransposeGradient(_outputGradient + (long)chunk * g.OutputSize, planes);
            var sample = _inputGradient + (long)chunk * g.InputSize;
#if NET8_0_OR_GREATER
            if (_vector == Vector512<float>.Count && Vector512.IsHardwareAccelerated)
            {
                Phases<Lanes512, Vector512<float>>(planes, sample);
            }
            else if (_vector == Vector256<float>.Count && Vector256.IsHardwareAccelerated)
            {
                Phases<Lanes256, Vector256<float>>(planes, sample);
            }
            else
            {
                Phases<Lanes128, Vector128<float>>(planes, sample);
            }
#else
            Phases<LanesVector, Vector<float>>(planes, sample);
#endif
            var values = new Span<float>(sample, g.InputSize);
            if (_bias != null)
            {
                var bias = new ReadOnlySpan<float>(_bias, g.InputChannels);
                for (var offset = 0; offset < values.Length; offset += g.InputChannels)
                {
                    var pixel = values.Slice(offset, g.InputChannels);
                    TensorPrimitives.Add(pixel, bias, pixel);
                }
            }
            FusedActivation.Apply(_activation, g.InputChannels, values);
        }

        /// <summary>One sample's output gradient (OH, OW, OC) into OC zero-bordered planes: (y, x, oc) at row y + borderY, column x + borderX.</summary>
        private void TransposeGradient(float* gradient, float* planes)
        {
            var g = _g;
            var oc = g.OutputChannels;
            new Span<float>(planes, checked((int)(oc * _planeSize))).Clear();
            for (var y = 0; y < g.OutputHeight; y++)
            {
                var row = planes + (long)(y + _borderY) * _planeWidth + _borderX;
                for (var x = 0; x < g.OutputWidth; x++, gradient += oc)
                {
                    var target = row + x;
                    for (var o = 0; o < oc; o++, target += _planeSize)
                    {
                        *target = gradient[o];
                    }
                }
            }
        }

        private void Phases<TL, TV>(float* planes, float* sample)
            where TL : struct, ILanes<TV>
            where TV : struct
        {
            var g = _g;
            int ic = g.InputChannels, oc = g.OutputChannels;
            var v = default(TL).Count;
            var lanes = stackalloc float[RowBlock * MaxVectorFloats];
            var weights = _weights;
            var rowStep = (long)g.StrideHeight * g.InputWidth * ic;
            for (var i = 0; i < ic; i++)
            {
                for (var py = 0; py < g.StrideHeight; py++)
                {
                    var rows = AxisPhase.Of(py, g.PadTop, g.StrideHeight, g.KernelHeight, g.InputHeight);
                    for (var px = 0; px < g.StrideWidth; px++)
                    {
                        var columns = AxisPhase.Of(px, g.PadLeft, g.StrideWidth, g.KernelWidth, g.InputWidth);
                        var taps = rows.Taps * columns.Taps;
                        var first = sample + ((long)py * g.InputWidth + px) * ic + i;
                        for (var j0 = 0; j0 < rows.Pixels; j0 += RowBlock)
                        {
                            var block = Math.Min(RowBlock, rows.Pixels - j0);
                            for (var i0 = 0; i0 < columns.Pixels; i0 += v)
                            {
                                // Lane l of accumulator k is phase pixel (j0 + k, i0 + l); tap (a, b) reads output pixel (j + Shift - a, i + Shift - b).
                                var origin = planes + (long)(j0 + rows.Shift + _borderY) * _planeWidth + i0 + columns.Shift + _borderX;
                                Block<TL, TV>(rows.Taps, columns.Taps, oc, weights, origin, _planeWidth, _planeSize, lanes);
                                var count = Math.Min(v, columns.Pixels - i0);
                                for (var k = 0; k < block; k++)
                                {
                                    var target = first + (j0 + k) * rowStep + (long)i0 * g.StrideWidth * ic;
                                    var from = lanes + k * v;
                                    for (var l = 0; l < count; l++, target += g.StrideWidth * ic)
                                    {
                                        *target = from[l];
                                    }
                                }
                            }
                        }
                        weights += (long)taps * oc;
                    }
                }
            }
        }

        /// <summary>Four phase rows of one vector of lanes: <c>sum over (a, b, oc) of w * plane[oc][row - a][lane - b]</c>, stored to <paramref name="lanes"/>.</summary>
        private static void Block<TL, TV>(int tapRows, int tapColumns, int oc, float* weights, float* origin, int planeWidth, long planeSize, float* lanes)
            where TL : struct, ILanes<TV>
            where TV : struct
        {
            var v = default(TL).Count;
            TV a0 = default, a1 = default, a2 = default, a3 = default;
            for (var a = 0; a < tapRows; a++)
            {
                for (var b = 0; b < tapColumns; b++)
                {
                    var source = origin - (long)a * planeWidth - b;
                    for (var o = 0; o < oc; o++, source += planeSize)
                    {
                        var w = default(TL).Broadcast(*weights++);
                        a0 = default(TL).MultiplyAdd(w, default(TL).Load(source), a0);
                        a1 = default(TL).MultiplyAdd(w, default(TL).Load(source + planeWidth), a1);
                        a2 = default(TL).MultiplyAdd(w, default(TL).Load(source + 2 * planeWidth), a2);
                        a3 = default(TL).MultiplyAdd(w, default(TL).Load(source + 3 * planeWidth), a3);
                    }
                }
            }
            default(TL).Store(a0, lanes);
            default(TL).Store(a1, lanes + v);
            default(TL).Store(a2, lanes + 2 * v);
            default(TL).Store(a3, lanes + 3 * v);
        }
    }
}
