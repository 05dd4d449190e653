using System;
using System.Numerics.Tensors;
using Generated.Kernels.Gemm;
using Generated.Kernels.Pooling;
using Generated.Kernels.Simd;
using Generated.Kernels.Threading;

namespace Generated.Kernels.Convolution;

/// <summary>
/// The three products of a convolution as implicit GEMMs over im2col chunks (see <see cref="Im2Col"/>):
/// forward <c>out = cols x W</c>, input gradient <c>dIn = col2im(dOut x W^T)</c>, kernel gradient
/// <c>dW += cols^T x dOut</c>. Conv2DTranspose is the same three with input and output swapped
/// (<see cref="Transposed"/>): its forward pass is a Conv2D input gradient and vice versa. Layers with few
/// output channels, which would fill a fraction of each GEMM panel, go to <see cref="PixelLaneConvolution"/>
/// instead (chosen once per call from the geometry), as does a stride-1 input gradient into few channels
/// or out of few (<see cref="AsConvolution"/>).
/// </summary>
internal static unsafe class ConvolutionEngine
{
    /// <summary>The Conv2D geometry whose input gradient is the Conv2DTranspose <paramref name="g"/>'s forward pass (same kernel memory).</summary>
    public static Conv2DGeometry Transposed(in Conv2DGeometry g) => g with
    {
        InputHeight = g.OutputHeight,
        InputWidth = g.OutputWidth,
        InputChannels = g.OutputChannels,
        OutputHeight = g.InputHeight,
        OutputWidth = g.InputWidth,
        OutputChannels = g.InputChannels,
    };

    /// <summary><c>output = activation(conv(input, kernel) + bias)</c>; bias may be null.</summary>
    public static void Forward(in Conv2DGeometry g, int batch, float* input, float* kernel, float* bias, Activation activation, float* output)
    {
        var nr = MatrixProduct.PanelWidth;
        if (WinogradTiles.Chosen(g, (long)g.OutputHeight * g.OutputWidth))
        {
            ForwardByWinograd(g, batch, nr, input, kernel, bias, activation, output);
            return;
        }
        if (PixelLaneConvolution.ChosenForForward(g, batch, nr))
        {
            PixelLaneConvolution.Forward(g, batch, nr, input, kernel, bias, activation, output);
            return;
        }
        var packed = Scratch.Get(ScratchBuffer.PackedMatrix, PackedForwardLength(g, nr));
        var paddedBias = bias == null ? null : Scratch.Get(ScratchBuffer.Bias, PaddedBiasLength(g, nr));
        PackForward(g, nr, kernel, bias, packed, paddedBias);
        ForwardPacked(g, batch, nr, input, packed, paddedBias, activation, output);
    }

    /// <summary>The forward pass by <see cref="WinogradTiles"/>, the kernel transformed on every call (a small cost next to a batch's products).</summary>
    private static void ForwardByWinograd(in Conv2DGeometry g, int batch, int nr, float* input, float* kernel, float* bias, Activation activation, float* output)
    {
        var packed = Scratch.Get(ScratchBuffer.PackedMatrix, WinogradTiles.PackedLength(nr, g));
        WinogradTiles.Pack(nr, g, kernel, packed);
        WinogradTiles.Run(g, pooled: false, batch, input, nr, packed, bias, activation, output, KernelOptions.SplitSingleSample);
    }

    /// <summary>
    /// The forward pass with the kernel and bias also packed by <see cref="PackForward"/> for panel width
    /// <paramref name="nr"/>: the GEMM paths read the packed copies, the pixel-lane path the plain ones.
    /// </summary>
    public static void ForwardWithPacked(in Conv2DGeometry g, int batch, int nr, float* input, float* kernel, float* bias, float* packed, float* paddedBias, Activation activation, float* output)
    {
        if (PixelLaneConvolution.ChosenForForward(g, batch, nr))
        {
            PixelLaneConvolution.Forward(g, batch, nr, input, kernel, bias, activation, output);
            return;
        }
        ForwardPacked(g, batch, nr, input, packed, paddedBias, activation, output);
    }

    /// <summary>Floats <see cref="PackForward"/> writes for the kernel.</summary>
    public static long PackedForwardLength(in Conv2DGeometry g, int nr) =>
        MatrixProduct.PackedLength(nr, g.KernelHeight * g.KernelWidth * g.InputChannels, g.OutputChannels);

    /// <summary>Floats <see cref="PackForward"/> writes for the bias.</summary>
    public static long PaddedBiasLength(in Conv2DGeometry g, int nr) => MatrixProduct.PackedLength(nr, 1, g.OutputChannels);

    /// <summary>Packs the kernel (K x OC) and pads the bias (unless null) as <see cref="ForwardPacked"/> reads them.</summary>
    public static void PackForward(in Conv2DGeometry g, int nr, float* kernel, float* bias, float* packed, float* paddedBias)
    {
        var k = g.KernelHeight * g.KernelWidth * g.InputChannels;
        var n = g.OutputChannels;
        MatrixProduct.Pack(nr, k, n, kernel, n, 1, packed);
        if (bias != null)
        {
            MatrixProduct.PadBias(nr, n, bias, paddedBias);
        }
    }

    /// <summary>The GEMM paths of the forward pass with the kernel and bias already packed by <see cref="PackForward"/> for panel width <paramref name="nr"/>.</summary>
    private static void ForwardPacked(in Conv2DGeometry g, int batch, int nr, float* input, float* packed, float* paddedBias, Activation activation, float* output)
    {
        var k = g.KernelHeight * g.KernelWidth * g.InputChannels;
        var n = g.OutputChannels;
        var m = batch * g.OutputHeight * g.OutputWidth;
        if (Im2Col.IsIdentity(g))
        {
            GemmRowsWork.Run(nr, m, n, k, input, k, 1, packed, paddedBias, false, activation, output, n);
            return;
        }
        if (DirectConvolution.Handles(g))
        {
            DirectConvolution.Run(g, batch, nr, input, packed, paddedBias, activation, output);
            return;
        }
        if (PaddedInput.Applies(g, batch, out var padded))
        {
            ForwardWork.Run(padded, nr, m, k, PaddedInput.Copy(g, padded, batch, input), packed, paddedBias, activation, output);
            return;
        }
        ForwardWork.Run(g, nr, m, k, input, packed, paddedBias, activation, output);
    }

    /// <summary>
    /// <c>inputGradient = activation(col2im(outputGradient x kernel^T) + bias)</c>, overwritten; bias may be
    /// null. Without bias and activation this is Conv2D's input gradient; with them, Conv2DTranspose's forward pass.
    /// </summary>
    public static void InputGradient(in Conv2DGeometry g, int batch, float* kernel, float* outputGradient, float* bias, Activation activation, float* inputGradient)
    {
        var nr = MatrixProduct.PanelWidth;
        if (WinogradInputGradient(g, out var winograd))
        {
            var flipped = Scratch.Get(ScratchBuffer.RearrangedKernel, g.KernelSize);
            FlipKernel(g, kernel, flipped);
            ForwardByWinograd(winograd, batch, nr, outputGradient, flipped, bias, activation, inputGradient);
            return;
        }
        if (AsConvolution(g, out var full) && PixelLaneConvolution.ChosenForInputGradient(full, g.OutputChannels, batch, nr))
        {
            InputGradientByPixelLanes(g, batch, nr, kernel, outputGradient, bias, activation, inputGradient);
            return;
        }
        if (StridePhaseInputGradient.Chosen(g))
        {
            StridePhaseInputGradient.Run(g, batch, nr, kernel, outputGradient, bias, activation, inputGradient);
            return;
        }
        var k = g.KernelHeight * g.KernelWidth * g.InputChannels;
        var oc = g.OutputChannels;
        // W^T (OC x K): element (oc, j) is kernel[j*OC + oc].
        var packed = Scratch.Get(ScratchBuffer.PackedMatrix, MatrixProduct.PackedLength(nr, oc, k));
        MatrixProduct.Pack(nr, oc, k, kernel, 1, oc, packed);
        float* paddedBias = null;
        if (bias != null)
        {
            paddedBias = Scratch.Get(ScratchBuffer.Bias, MatrixProduct.PackedLength(nr, 1, g.InputChannels));
            MatrixProduct.PadBias(nr, g.InputChannels, bias, paddedBias);
        }
        if (Im2Col.IsIdentity(g))
        {
            GemmRowsWork.Run(nr, batch * g.OutputHeight * g.OutputWidth, k, oc, outputGradient, oc, 1, packed, paddedBias, false, activation, inputGradient, k);
            return;
        }
        InputGradientWork.Run(g, nr, batch, k, outputGradient, packed, bias, activation, null, inputGradient);
    }

    /// <summary>
    /// Whether the input gradient runs as a Winograd convolution (<paramref name="full"/>, see <see cref="AsConvolution"/>):
    /// against the col2im GEMM, which computes from the output-gradient map (<see cref="WinogradTiles.Pays"/>).
    /// </summary>
    private static bool WinogradInputGradient(in Conv2DGeometry g, out Conv2DGeometry full) =>
        AsConvolution(g, out full) && WinogradTiles.Chosen(full, (long)g.OutputHeight * g.OutputWidth);

    /// <summary>
    /// Conv2D's input gradient times the derivative of the ReLU that produced <paramref name="input"/>
    /// (<c>input &gt; 0</c>): the gradient with respect to that ReLU's pre-activation, overwritten. On the im2col path the
    /// mask is applied to each sample right after its col2im, while the sample is still in cache.
    /// </summary>
    public static void InputGradientThroughRelu(in Conv2DGeometry g, int batch, float* kernel, float* outputGradient, float* input, float* inputGradient)
    {
        var nr = MatrixProduct.PanelWidth;
        var k = g.KernelHeight * g.KernelWidth * g.InputChannels;
        if (WinogradInputGradient(g, out _) || (AsConvolution(g, out var full) && PixelLaneConvolution.ChosenForInputGradient(full, g.OutputChannels, batch, nr))
            || Im2Col.IsIdentity(g))
        {
            // Paths without a per-sample epilogue: the mask is a second pass.
            InputGradient(g, batch, kernel, outputGradient, null, Activation.Linear, inputGradient);
            var length = (int)((long)batch * g.InputSize);
            var gradient = new Span<float>(inputGradient, length);
            ElementOperators.Apply<ElementOperators.ReluGradient>(new ReadOnlySpan<float>(input, length), gradient, 0f, gradient);
            return;
        }
        var packed = Scratch.Get(ScratchBuffer.PackedMatrix, MatrixProduct.PackedLength(nr, g.OutputChannels, k));
        MatrixProduct.Pack(nr, g.OutputChannels, k, kernel, 1, g.OutputChannels, packed);
        InputGradientWork.Run(g, nr, batch, k, outputGradient, packed, null, Activation.Linear, input, inputGradient);
    }

    /// <summary><c>kernelGradient += cols(input)^T x outputGradient</c>.</summary>
    public static void KernelGradient(in Conv2DGeometry g, int batch, float* input, float* outputGradient, float* kernelGradient) =>
        KernelAndBiasGradient(g, batch, input, outputGradient, kernelGradient, Span<float>.Empty);

    /// <summary>
    /// <c>kernelGradient += cols(input)^T x outputGradient</c> and, unless <paramref name="biasGradient"/> is empty,
    /// <c>biasGradient += column sums of outputGradient</c>. On the GEMM path each chunk sums the output-gradient rows it
    /// has just packed, while they are in cache and on its own thread, instead of a separate single-threaded pass over
    /// the whole output gradient; the chunk sums are added in chunk order, so the result does not depend on the thread count.
    /// </summary>
    public static void KernelAndBiasGradient(in Conv2DGeometry g, int batch, float* input, float* outputGradient, float* kernelGradient, Span<float> biasGradient)
    {
        var m = batch * g.OutputHeight * g.OutputWidth;
        if (WinogradKernelGradient.Chosen(g))
        {
            WinogradKernelGradient.Run(g, batch, input, outputGradient, kernelGradient, biasGradient);
            return;
        }
        if (PixelLaneConvolution.ChosenForKernelGradient(g, batch, MatrixProduct.PanelWidth))
        {
            if (!biasGradient.IsEmpty)
            {
                ColumnSums.AddTo(m, g.OutputChannels, outputGradient, biasGradient);
            }
            PixelLaneConvolution.KernelGradient(g, batch, MatrixProduct.PanelWidth, input, outputGradient, kernelGradient);
            return;
        }
        var k = g.KernelHeight * g.KernelWidth * g.InputChannels;
        KernelGradientWork.Run(g, MatrixProduct.PanelWidth, m, k, input, outputGradient, kernelGradient, biasGradient);
    }

    /// <summary>
    /// <see cref="KernelAndBiasGradient"/> of a convolution whose output gradient comes from the 2x2 max pool after it
    /// (<see cref="Conv2D.KernelGradientThroughMaxPool"/>): each chunk routes its own output-gradient rows from the
    /// pool's positions and gradient (<see cref="MaxPoolPositions.RouteRows"/>) into scratch and multiplies them there,
    /// so the convolution's output gradient is never a whole map. The rows hold the values the pool's backward pass would
    /// have written and the chunks are the same, so the sums are the same bits.
    /// </summary>
    public static void KernelAndBiasGradientThroughMaxPool(in Conv2DGeometry g, in Pool2DGeometry pool, int batch, float* input, int* positions, float* pooledGradient, bool reluMask,
        float* kernelGradient, Span<float> biasGradient)
    {
        var m = batch * g.OutputHeight * g.OutputWidth;
        if (WinogradKernelGradient.Chosen(g) || PixelLaneConvolution.ChosenForKernelGradient(g, batch, MatrixProduct.PanelWidth))
        {
            // Winograd's and the pixel-lane kernel gradients (few filters) read whole maps, so route the whole map first.
            var outputGradient = Scratch.Get(ScratchBuffer.RoutedRows, (long)m * g.OutputChannels);
            MaxPoolPositions.RouteRows(g, pool, positions, pooledGradient, reluMask, 0, m, outputGradient);
            KernelAndBiasGradient(g, batch, input, outputGradient, kernelGradient, biasGradient);
            return;
        }
        var k = g.KernelHeight * g.KernelWidth * g.InputChannels;
        KernelGradientWork.Run(g, MatrixProduct.PanelWidth, m, k, input, null, kernelGradient, biasGradient, new PooledGradient(pool, positions, pooledGradient, reluMask));
    }

    /// <summary>Where a kernel gradient's output-gradient rows come from when a 2x2 max pool's backward pass is taken into it (see <see cref="MaxPoolPositions"/>).</summary>
    private readonly struct PooledGradient
    {
        public PooledGradient(in Pool2DGeometry pool, int* positions, float* gradient, bool reluMask)
        {
            Pool = pool;
            Positions = positions;
            Gradient = gradient;
            ReluMask = reluMask;
        }

        public Pool2DGeometry Pool { get; }

        public int* Positions { get; }

        public float* Gradient { get; }

        public bool ReluMask { get; }

        public bool Routes => Positions != null;
    }

    /// <summary>
    /// <see cref="InputGradient"/> for stride 1 (see <see cref="AsConvolution"/>) as a <see cref="PixelLaneConvolution"/>
    /// forward pass, whatever the shape (<see cref="InputGradient"/> takes it when that is faster).
    /// </summary>
    internal static void InputGradientByPixelLanes(in Conv2DGeometry g, int batch, int panelWidth, float* kernel, float* outputGradient, float* bias, Activation activation, float* inputGradient)
    {
        if (!AsConvolution(g, out var full))
        {
            throw new ArgumentException($"The input gradient is one convolution only for stride 1; this geometry has strides {g.StrideHeight}x{g.StrideWidth}.", nameof(g));
        }
        var flipped = Scratch.Get(ScratchBuffer.RearrangedKernel, g.KernelSize);
        FlipKernel(g, kernel, flipped);
        PixelLaneConvolution.Forward(full, batch, panelWidth, outputGradient, flipped, bias, activation, inputGradient);
    }

    /// <summary>
    /// With stride 1, the input gradient is itself a convolution: of the output gradient, padded by the kernel's
    /// extent minus the forward padding, with the kernel flipped in both axes and its channel axes swapped
    /// (<see cref="FlipKernel"/>). False for strides above 1, whose input gradient is not one convolution.
    /// </summary>
    internal static bool AsConvolution(in Conv2DGeometry g, out Conv2DGeometry full)
    {
        full = Transposed(g) with
        {
            PadTop = (g.KernelHeight - 1) * g.DilationHeight - g.PadTop,
            PadLeft = (g.KernelWidth - 1) * g.DilationWidth - g.PadLeft,
        };
        return g.StrideHeight == 1 && g.StrideWidth == 1;
    }

    /// <summary>Kernel (KH, KW, IC, OC) into (KH, KW, OC, IC) read backwards in both spatial axes: the kernel of <see cref="AsConvolution"/>.</summary>
    private static void FlipKernel(in Conv2DGeometry g, float* kernel, float* flipped)
    {
        int ic = g.InputChannels, oc = g.OutputChannels;
        for (var ky = 0; ky < g.KernelHeight; ky++)
        {
            for (var kx = 0; kx < g.KernelWidth; kx++)
            {
                var source = kernel + ((long)(g.KernelHeight - 1 - ky) * g.KernelWidth + (g.KernelWidth - 1 - kx)) * ic * oc;
                var target = flipped + ((long)ky * g.KernelWidth + kx) * oc * ic;
                for (var i = 0; i < ic; i++)
                {
                    for (var o = 0; o < oc; o++)
                    {
                        target[(long)o * ic + i] = source[(long)i * oc + o];
                    }
                }
            }
        }
    }

    /// <summary>
    /// Forward chunks as an implicit GEMM: each 6-row tile whose windows all lie inside the input reads them in place
    /// (a tap table from each pixel's window corner), the others gather their im2col rows; the output rows are activated
    /// while they are in cache (a ReLU inside the micro-kernel's store).
    /// </summary>
    private sealed class ForwardWork : ParallelWork
    {
        [ThreadStatic]
        private static ForwardWork? t_instance;

        private Conv2DGeometry _g;
        private int _panelWidth, _m, _k, _rowsPerChunk;
        private float* _input, _packed, _paddedBias, _output;
        private Activation _activation;
        private int[] _tapOffsets = [];

        public static void Run(in Conv2DGeometry g, int panelWidth, int m, int k, float* input, float* packed, float* paddedBias, Activation activation, float* output)
        {
            var work = t_instance ??= new ForwardWork();
            work._g = g;
            work._panelWidth = panelWidth;
            work._m = m;
            work._k = k;
            work._input = input;
            work._packed = packed;
            work._paddedBias = paddedBias;
            work._activation = activation;
            work._output = output;
            work._rowsPerChunk = Parallelism.ChunkRows(k, Parallelism.ChunkFloats, m);
            if (work._tapOffsets.Length < k)
            {
                work._tapOffsets = GC.AllocateArray<int>(k, pinned: true);
            }
            TapOffsets(g, work._tapOffsets);
            var chunks = (m + work._rowsPerChunk - 1) / work._rowsPerChunk;
            WorkerPool.Run(work, chunks, Parallelism.Slots(chunks, (long)m * k * g.OutputChannels));
            work._input = work._packed = work._paddedBias = work._output = null;
        }

        public override void ReserveScratch()
        {
            Scratch.Get(ScratchBuffer.Columns, (long)_rowsPerChunk * _k);
            Scratch.Get(ScratchBuffer.ImplicitRows, ImplicitRowsLength(_rowsPerChunk));
        }

        /// <summary>Floats of <see cref="ScratchBuffer.ImplicitRows"/> for a chunk of <paramref name="rows"/>: one address per row, one flag per tile.</summary>
        private static long ImplicitRowsLength(int rows) => 2L * rows + rows / MatrixProduct.MR + 1;

        public override void Execute(int chunk, int slot)
        {
            var g = _g;
            var m0 = chunk * _rowsPerChunk;
            var rows = Math.Min(_rowsPerChunk, _m - m0);
            var n = g.OutputChannels;
            var columns = Scratch.Get(ScratchBuffer.Columns, (long)_rowsPerChunk * _k);
            var rowScratch = Scratch.Get(ScratchBuffer.ImplicitRows, ImplicitRowsLength(_rowsPerChunk));
            var addresses = (float**)rowScratch;
            var direct = (bool*)(rowScratch + 2L * _rowsPerChunk);
            var pixels = g.OutputHeight * g.OutputWidth;
            var lastY = (g.KernelHeight - 1) * g.DilationHeight;
            var lastX = (g.KernelWidth - 1) * g.DilationWidth;
            for (var i0 = 0; i0 < rows; i0 += MatrixProduct.MR)
            {
                var count = Math.Min(MatrixProduct.MR, rows - i0);
                var inside = true;
                for (var i = i0; i < i0 + count; i++)
                {
                    var m = m0 + i;
                    var sample = m / pixels;
                    var pixel = m - sample * pixels;
                    var oy = pixel / g.OutputWidth;
                    var ox = pixel - oy * g.OutputWidth;
                    var y0 = oy * g.StrideHeight - g.PadTop;
                    var x0 = ox * g.StrideWidth - g.PadLeft;
                    inside &= y0 >= 0 && y0 + lastY < g.InputHeight && x0 >= 0 && x0 + lastX < g.InputWidth;
                    addresses[i] = _input + (long)sample * g.InputSize + ((long)y0 * g.InputWidth + x0) * g.InputChannels;
                }
                direct[i0 / MatrixProduct.MR] = inside;
                if (!inside)
                {
                    Im2Col.Gather(g, _input, m0 + i0, m0 + i0 + count, columns + (long)i0 * _k);
                }
            }
            var c = _output + (long)m0 * n;
            fixed (int* offsets = _tapOffsets)
            {
                MatrixProduct.MultiplyImplicit(_panelWidth, rows, n, _k, addresses, offsets, direct, columns, _packed, _paddedBias, c, n, _activation == Activation.Relu);
            }
            if (_activation != Activation.Linear && _activation != Activation.Relu)
            {
                FusedActivation.Apply(_activation, n, new Span<float>(c, rows * n));
            }
        }
    }

    /// <summary>Tap (ky, kx, ic) of a window relative to its top-left input value, in kernel (im2col) order.</summary>
    public static void TapOffsets(in Conv2DGeometry g, int[] offsets)
    {
        var p = 0;
        for (var ky = 0; ky < g.KernelHeight; ky++)
        {
            for (var kx = 0; kx < g.KernelWidth; kx++)
            {
                for (var ic = 0; ic < g.InputChannels; ic++)
                {
                    offsets[p++] = (ky * g.DilationHeight * g.InputWidth + kx * g.DilationWidth) * g.InputChannels + ic;
                }
            }
        }
    }

    /// <summary>
    /// Input-gradient chunks, one sample each (col2im adds overlapping windows, so two threads must
    /// never share a sample): per block of rows, column gradient by GEMM, then scatter-add.
    /// </summary>
    private sealed class InputGradientWork : ParallelWork
    {
        [ThreadStatic]
        private static InputGradientWork? t_instance;

        private Conv2DGeometry _g;
        private int _panelWidth, _k, _rowsPerChunk;
        private float* _outputGradient, _packed, _bias, _reluInput, _inputGradient;
        private Activation _activation;

        /// <summary>Runs the chunks; a non-null <paramref name="reluInput"/> masks each sample's gradient by <c>reluInput &gt; 0</c> after its col2im.</summary>
        public static void Run(in Conv2DGeometry g, int panelWidth, int batch, int k, float* outputGradient, float* packed, float* bias, Activation activation,
            float* reluInput, float* inputGradient)
        {
            var work = t_instance ??= new InputGradientWork();
            work._g = g;
            work._panelWidth = panelWidth;
            work._k = k;
            work._outputGradient = outputGradient;
            work._packed = packed;
            work._bias = bias;
            work._activation = activation;
            work._reluInput = reluInput;
            work._inputGradient = inputGradient;
            work._rowsPerChunk = Parallelism.ChunkRows(k, Parallelism.ChunkFloats);
            var multiplyAdds = (long)batch * g.OutputHeight * g.OutputWidth * k * g.OutputChannels;
            WorkerPool.Run(work, batch, Parallelism.Slots(batch, multiplyAdds));
            work._outputGradient = work._packed = work._bias = work._reluInput = work._inputGradient = null;
        }

        public override void ReserveScratch() => Scratch.Get(ScratchBuffer.Columns, (long)_rowsPerChunk * _k);

        public override void Execute(int chunk, int slot)
        {
            var g = _g;
            var sample = new Span<float>(_inputGradient + (long)chunk * g.InputSize, g.InputSize);
            sample.Clear();
            var pixels = g.OutputHeight * g.OutputWidth;
            var oc = g.OutputChannels;
            var columns = Scratch.Get(ScratchBuffer.Columns, (long)_rowsPerChunk * _k);
            for (var r0 = 0; r0 < pixels; r0 += _rowsPerChunk)
            {
                var rows = Math.Min(_rowsPerChunk, pixels - r0);
                var m0 = chunk * pixels + r0;
                MatrixProduct.Multiply(_panelWidth, rows, _k, oc, _outputGradient + (long)m0 * oc, oc, 1, _packed, null, false, columns, _k);
                Im2Col.ScatterAdd(g, columns, m0, m0 + rows, _inputGradient);
            }
            if (_bias != null)
            {
                var bias = new ReadOnlySpan<float>(_bias, g.InputChannels);
                for (var offset = 0; offset < sample.Length; offset += g.InputChannels)
                {
                    var pixel = sample.Slice(offset, g.InputChannels);
                    TensorPrimitives.Add(pixel, bias, pixel);
                }
            }
            FusedActivation.Apply(_activation, g.InputChannels, sample);
            if (_reluInput != null)
            {
                var input = new ReadOnlySpan<float>(_reluInput + (long)chunk * g.InputSize, g.InputSize);
                ElementOperators.Apply<ElementOperators.ReluGradient>(input, sample, 0f, sample);
            }
        }
    }

    /// <summary>
    /// Kernel-gradient chunks over output rows: pack the matching output-gradient rows, accumulate <c>cols^T x dOut</c>.
    /// When every window lies inside the input (no padding: Valid convolutions) the im2col operand is read in place, tap
    /// addresses by pixel offsets (<see cref="MatrixProduct.MultiplyAddressed"/>). A padded convolution (Same) copies the
    /// rows of the zero-padded input that its chunk's windows cover (<see cref="PaddedInput.CopyRows"/>, a few rows of
    /// the map) and reads those in place: the im2col rows it used to gather are K floats per pixel, about 9 times the
    /// input for a 3x3 kernel. Only crops (negative padding) still gather. All read the same values in the same order,
    /// so they give the same bits. The calling thread adds
    /// straight into the kernel gradient; helpers into private partial sums that are added at the end (the reduction
    /// runs over all rows).
    /// </summary>
    private sealed class KernelGradientWork : ParallelWork
    {
        [ThreadStatic]
        private static KernelGradientWork? t_instance;

        private Conv2DGeometry _g;
        private int _panelWidth, _m, _k, _rowsPerChunk;
        private float* _input, _outputGradient, _kernelGradient, _chunkSums;
        private bool _identity, _inPlace;

        // Padded convolutions: the geometry over the zero-padded input, and the most rows of it one chunk covers.
        private bool _paddedRows;
        private Conv2DGeometry _padded;
        private long _paddedRowsPerChunk;
        private float[][] _partials = [];
        private int[] _tapOffsets = [];

        // Set when the output-gradient rows are routed from a max pool's gradient per chunk instead of read from _outputGradient.
        private PooledGradient _pooled;

        // Column sums of each chunk's output-gradient rows (chunks x OC), grown once, reduced in chunk order after the run.
        private float[] _biasSums = [];

        /// <summary>Runs the chunks; a non-empty <paramref name="biasGradient"/> also gets the column sums of <paramref name="outputGradient"/> added.</summary>
        public static void Run(in Conv2DGeometry g, int panelWidth, int m, int k, float* input, float* outputGradient, float* kernelGradient, Span<float> biasGradient,
            PooledGradient pooled = default)
        {
            var work = t_instance ??= new KernelGradientWork();
            work._pooled = pooled;
            work._g = g;
            work._panelWidth = panelWidth;
            work._m = m;
            work._k = k;
            work._input = input;
            work._outputGradient = outputGradient;
            work._kernelGradient = kernelGradient;
            work._identity = Im2Col.IsIdentity(g);
            work._rowsPerChunk = Parallelism.ChunkRows(k, Parallelism.GradientChunkFloats, m);
            work._inPlace = !work._identity && WindowsInside(g) && OffsetsFit(g, work._rowsPerChunk);
            work._paddedRows = !work._identity && !work._inPlace && PaddedInput.Pads(g, out work._padded) && OffsetsFit(work._padded, work._rowsPerChunk);
            var chunks = (m + work._rowsPerChunk - 1) / work._rowsPerChunk;
            if (work._inPlace || work._paddedRows)
            {
                if (work._tapOffsets.Length < k)
                {
                    work._tapOffsets = GC.AllocateArray<int>(k, pinned: true);
                }
                TapOffsets(work._paddedRows ? work._padded : g, work._tapOffsets);
            }
            if (work._paddedRows)
            {
                work._paddedRowsPerChunk = 0;
                for (var chunk = 0; chunk < chunks; chunk++)
                {
                    work._paddedRowsPerChunk = Math.Max(work._paddedRowsPerChunk, work.PaddedRowSpan(chunk).Count);
                }
            }
            var slots = Parallelism.Slots(chunks, (long)m * k * g.OutputChannels);
            var size = g.KernelSize;
            work.PreparePartials(slots, size);
            var n = g.OutputChannels;
            if (!biasGradient.IsEmpty && work._biasSums.Length < (long)chunks * n)
            {
                work._biasSums = Scratch.Allocate((long)chunks * n);
            }
            fixed (float* sums = work._biasSums)
            {
                work._chunkSums = biasGradient.IsEmpty ? null : sums;
                WorkerPool.Run(work, chunks, slots);
                for (var chunk = 0; chunk < chunks && !biasGradient.IsEmpty; chunk++)
                {
                    TensorPrimitives.Add(biasGradient, new ReadOnlySpan<float>(sums + (long)chunk * n, n), biasGradient);
                }
            }
            var total = new Span<float>(kernelGradient, size);
            for (var slot = 1; slot < slots; slot++)
            {
                TensorPrimitives.Add(total, new ReadOnlySpan<float>(work._partials[slot], 0, size), total);
            }
            work._input = work._outputGradient = work._kernelGradient = work._chunkSums = null;
            work._pooled = default;
        }

        /// <summary>Whether every output pixel's window lies inside the input (no padding), so no tap reads a zero that is not there.</summary>
        private static bool WindowsInside(in Conv2DGeometry g) =>
            g.PadTop == 0 && g.PadLeft == 0 &&
            (long)(g.OutputHeight - 1) * g.StrideHeight + (long)(g.KernelHeight - 1) * g.DilationHeight < g.InputHeight &&
            (long)(g.OutputWidth - 1) * g.StrideWidth + (long)(g.KernelWidth - 1) * g.DilationWidth < g.InputWidth;

        /// <summary>Whether a chunk's pixel offsets, counted from its first sample, fit an <c>int</c> (the samples it spans, plus one).</summary>
        private static bool OffsetsFit(in Conv2DGeometry g, int rowsPerChunk) =>
            ((long)rowsPerChunk / Math.Max(1, g.OutputHeight * g.OutputWidth) + 2) * g.InputSize <= int.MaxValue;

        /// <summary>Floats of <see cref="ScratchBuffer.ImplicitRows"/> for the in-place operand: a tap address per row of A (two floats each), a pixel offset per step.</summary>
        private long AddressedLength => 2L * _k + _rowsPerChunk;

        private void PreparePartials(int slots, int size)
        {
            if (_partials.Length < slots)
            {
                Array.Resize(ref _partials, slots);
            }
            for (var slot = 1; slot < slots; slot++)
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

        /// <summary>The rows of the stacked padded samples that chunk <paramref name="chunk"/>'s windows cover: from its first pixel's window top to its last pixel's window bottom.</summary>
        private (long First, long Count) PaddedRowSpan(int chunk)
        {
            var g = _padded;
            var m0 = chunk * _rowsPerChunk;
            var last = Math.Min(m0 + _rowsPerChunk, _m) - 1;
            var pixels = g.OutputHeight * g.OutputWidth;
            long RowOf(int m) => (long)(m / pixels) * g.InputHeight + m % pixels / g.OutputWidth * g.StrideHeight;
            var first = RowOf(m0);
            return (first, RowOf(last) + (g.KernelHeight - 1) * g.DilationHeight + 1 - first);
        }

        private long PaddedRowsLength => _paddedRowsPerChunk * _padded.InputWidth * _padded.InputChannels;

        public override void ReserveScratch()
        {
            if (_inPlace || _paddedRows)
            {
                Scratch.Get(ScratchBuffer.ImplicitRows, AddressedLength);
                if (_paddedRows)
                {
                    Scratch.Get(ScratchBuffer.PaddedRows, PaddedRowsLength);
                }
            }
            else if (!_identity)
            {
                Scratch.Get(ScratchBuffer.Columns, (long)_rowsPerChunk * _k);
            }
            Scratch.Get(ScratchBuffer.PackedRows, MatrixProduct.PackedLength(_panelWidth, _rowsPerChunk, _g.OutputChannels));
            if (_pooled.Routes)
            {
                Scratch.Get(ScratchBuffer.RoutedRows, (long)_rowsPerChunk * _g.OutputChannels);
            }
        }

        /// <summary>The chunk's output-gradient rows: in place, or routed into scratch from the max pool's gradient.</summary>
        private float* OutputRows(int m0, int rows)
        {
            var n = _g.OutputChannels;
            if (!_pooled.Routes)
            {
                return _outputGradient + (long)m0 * n;
            }
            var routed = Scratch.Get(ScratchBuffer.RoutedRows, (long)_rowsPerChunk * n);
            MaxPoolPositions.RouteRows(_g, _pooled.Pool, _pooled.Positions, _pooled.Gradient, _pooled.ReluMask, m0, rows, routed);
            return routed;
        }

        public override void Execute(int chunk, int slot)
        {
            var m0 = chunk * _rowsPerChunk;
            var rows = Math.Min(_rowsPerChunk, _m - m0);
            var n = _g.OutputChannels;
            float* columns = null; // the im2col rows; none when read in place
            if (_identity)
            {
                columns = _input + (long)m0 * _k;
            }
            else if (!_inPlace && !_paddedRows)
            {
                columns = Scratch.Get(ScratchBuffer.Columns, (long)_rowsPerChunk * _k);
                Im2Col.Gather(_g, _input, m0, m0 + rows, columns);
            }
            // Output-gradient rows exactly one panel wide already are the packed panel: read them where they are.
            var outputRows = OutputRows(m0, rows);
            var packedRows = outputRows;
            if (n != _panelWidth)
            {
                packedRows = Scratch.Get(ScratchBuffer.PackedRows, MatrixProduct.PackedLength(_panelWidth, _rowsPerChunk, n));
                MatrixProduct.Pack(_panelWidth, rows, n, outputRows, n, 1, packedRows);
            }
            if (_chunkSums != null)
            {
                var sums = new Span<float>(_chunkSums + (long)chunk * n, n);
                sums.Clear();
                ColumnSums.AddTo(rows, n, outputRows, sums);
            }
            var target = slot == 0 ? _kernelGradient : Scratch.Address(_partials[slot]);
            if (_inPlace)
            {
                MultiplyInPlace(_g, _input, m0, rows, packedRows, target);
                return;
            }
            if (_paddedRows)
            {
                var (firstRow, count) = PaddedRowSpan(chunk);
                var copy = Scratch.Get(ScratchBuffer.PaddedRows, PaddedRowsLength);
                PaddedInput.CopyRows(_g, _padded, _input, firstRow, count, copy);
                // The copy starts at row firstRow of the stacked padded samples; MultiplyInPlace counts from row 0 of the
                // batch, which lies before the copy and is never read (every tap of the chunk falls inside the copy).
                var rowFloats = (long)_padded.InputWidth * _padded.InputChannels;
                MultiplyInPlace(_padded, copy - firstRow * rowFloats, m0, rows, packedRows, target);
                return;
            }
            // (K x rows) x (rows x OC): A element (j, p) = columns[p*K + j].
            MatrixProduct.Multiply(_panelWidth, _k, n, rows, columns, 1, _k, packedRows, null, true, target, n);
        }

        /// <summary>
        /// (K x rows) x (rows x OC) with A element (j, p) = the input at tap j of pixel m0 + p's window, read in place:
        /// tap addresses from the chunk's first sample, window-corner offsets per pixel.
        /// </summary>
        private void MultiplyInPlace(in Conv2DGeometry g, float* input, int m0, int rows, float* packedRows, float* target)
        {
            var pixels = g.OutputHeight * g.OutputWidth;
            var first = m0 / pixels;
            var sampleBase = input + (long)first * g.InputSize;
            var scratch = Scratch.Get(ScratchBuffer.ImplicitRows, AddressedLength);
            var addresses = (float**)scratch;
            var offsets = (int*)(scratch + 2L * _k);
            fixed (int* taps = _tapOffsets)
            {
                for (var j = 0; j < _k; j++)
                {
                    addresses[j] = sampleBase + taps[j];
                }
            }
            var sample = first;
            var pixel = m0 - first * pixels;
            var oy = pixel / g.OutputWidth;
            var ox = pixel - oy * g.OutputWidth;
            for (var i = 0; i < rows; i++)
            {
                offsets[i] = (sample - first) * g.InputSize + (oy * g.StrideHeight * g.InputWidth + ox * g.StrideWidth) * g.InputChannels;
                if (++ox == g.OutputWidth)
                {
                    ox = 0;
                    if (++oy == g.OutputHeight)
                    {
                        oy = 0;
                        sample++;
                    }
                }
            }
            MatrixProduct.MultiplyAddressed(_panelWidth, _k, g.OutputChannels, rows, addresses, offsets, packedRows, accumulate: true, target, g.OutputChannels);
        }
    }
}
